package dev.palo.benchmarks;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import dev.palo.activities.translation.translate.PlaceholderPreservingTranslator;
import dev.palo.benchmarks.bench.PythonAnchor;
import dev.palo.data.llava.LlavaRecord;
import dev.palo.testing.HostileChatServer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The one-call-at-a-time translate anchor ({@code benchmarks/python/one_call_translate.py}) sends what our stage
 * sends on the same records and endpoint: each distinct piece once (the pieces our stage cuts around {@code <image>}),
 * and gets the same translation back for it. Not timed: {@code ./palo bench} times it.
 */
class OneCallTranslateAnchorTest {
    @TempDir
    Path dir;

    @Test
    void sendsEachDistinctPieceOnceAndGetsTheStagesTranslations() throws Exception {
        List<LlavaRecord> english = SyntheticInstructions.records(12, "0123456789", 0.5, new Random(3));
        Path file = dir.resolve("english.json");
        SyntheticInstructions.write(english, file);
        Map<String, String> expected = new TreeMap<>();
        english.stream().flatMap(r -> r.conversations().stream())
                .flatMap(t -> PlaceholderPreservingTranslator.pieces(t.value()).stream())
                .forEach(piece -> expected.put(piece, HostileChatServer.translation("French", piece)));

        try (HostileChatServer endpoint = new HostileChatServer(HostileChatServer.Settings.fixedLatency(
                Duration.ofMillis(1), 4))) {
            JsonNode result = PythonAnchor.run(PythonAnchor.interpreter(Path.of(System.getProperty("palo.home",
                    ".palo"))), Path.of("python", "one_call_translate.py"), List.of("--url", endpoint.baseUrl(),
                    "--language", "French", "--file", file.toString(), "--print-translations"));

            assertEquals(expected.size(), result.path("distinct").asInt());
            assertEquals(expected.size(), result.path("requests").asInt());
            assertEquals(expected.size(), endpoint.requests(), "one request per distinct piece");
            Map<String, String> translations = new TreeMap<>();
            result.path("translations").fields().forEachRemaining(e -> translations.put(e.getKey(),
                    e.getValue().asText()));
            assertEquals(expected, translations);
        }
    }
}
