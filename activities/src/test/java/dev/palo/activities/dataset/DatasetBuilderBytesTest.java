package dev.palo.activities.dataset;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.palo.activities.storage.Sha256;
import dev.palo.activities.support.LlavaSamples;
import dev.palo.data.llava.LlavaRecord;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Pins the bytes a build writes: shards are content-addressed and a resumed build reuses the shards already stored, so
 * a faster writer or parser must not change a single byte. The digest was taken from the builder before it wrote
 * pass two's records from the bucket bytes instead of parsing and serialising them again.
 */
class DatasetBuilderBytesTest {
    /** Fields a hand-written input may hold beyond the fixtures': numeric ids, escapes, astral characters, extras. */
    private static final String ODD = """
            [{"id": 42, "image": "coco/train2017/42.jpg", "zeta": {"b": [1, 2.5, -3e10, null], "a": true},
              "conversations": [{"from": "human", "value": "<image>\\nQuote \\"this\\"\\t\\u00e9 \\ud83d\\ude00?"},
                                {"from": "gpt", "value": "Line one\\nline two \\u0000 \\\\ / \\u2028"}],
              "corrupt": false, "alpha": "x", "french_conversation": [{"from": "human", "value": "Bonjour ?"}]},
             {"id": "text-9", "conversations": [{"from": "human", "value": "مرحبا 你好 नमस्ते"},
                                               {"from": "gpt", "value": "1.0E10 ok"}], "n": 12345678901234567890}]
            """;

    @TempDir
    Path work;

    @Test
    void theSameInputsAndSeedGiveTheBytesPinnedHere() throws IOException {
        List<LlavaRecord> english = DatasetFixtures.english();
        List<BuildInput> inputs = List.of(input("en", LlavaSamples.json(english)),
                input("ar", LlavaSamples.json(DatasetFixtures.translated("ar", english))),
                input("fr", ODD.getBytes(StandardCharsets.UTF_8)));
        CollectedShards shards = new CollectedShards();
        // two buckets and shards of 5, so the output crosses both boundaries
        new DatasetBuilder(work, 1_000).build(inputs, 11, 5, shards, progress -> { });

        assertEquals("a6cd262a26610baa6677a4340b7da7516cc374aab6d4c1f9eabbd3d66b4bd672", Sha256.of(shards.bytes()), shards.text());
    }

    private static BuildInput input(String language, byte[] json) {
        return new BuildInput(language, language + ".json", json.length, 0, () -> new ByteArrayInputStream(json));
    }
}
