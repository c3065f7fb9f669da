package dev.palo.activities.support;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.palo.data.llava.LlavaJsonWriter;
import dev.palo.data.llava.LlavaRecord;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** The two parts of a PALO-mini tree a simulated reviewer reads: the manifest's gold pointer and the gold file. */
public final class MiniGoldTree {
    private MiniGoldTree() {
    }

    /** Writes under {@code root} the gold of {@code postEdited} ({@link PostEditedSamples#gold}); returns root. */
    public static Path write(Path root, List<LlavaRecord> postEdited, String language) throws IOException {
        Files.createDirectories(root.resolve("gold"));
        Files.writeString(root.resolve("manifest.json"), new ObjectMapper().writeValueAsString(
                Map.of("translation_sets", Map.of(language, Map.of("gold", "gold/" + language + ".json")))));
        try (LlavaJsonWriter gold = LlavaJsonWriter.create(root.resolve("gold/" + language + ".json"))) {
            for (LlavaRecord record : postEdited) {
                gold.write(LlavaRecord.of(record.id(), record.image(), PostEditedSamples.gold(record, language)));
            }
        }
        return root;
    }
}
