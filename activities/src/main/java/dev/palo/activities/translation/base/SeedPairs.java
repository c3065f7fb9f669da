package dev.palo.activities.translation.base;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.palo.data.llava.Turn;
import dev.palo.model.translator.TranslationPair;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Training pairs from a PALO-mini {@code translation-seed/<code>.jsonl} file: each line's {@code source} →
 * {@code target} (the un-tuned translation, errors included). The {@code <image>} placeholder and the whitespace
 * around it are dropped, because the translate stage hands a translator only the text between placeholders.
 */
final class SeedPairs {
    private static final ObjectMapper JSON = new ObjectMapper();

    private SeedPairs() {
    }

    static List<TranslationPair> read(Path file) {
        List<TranslationPair> pairs = new ArrayList<>();
        try (BufferedReader lines = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String line;
            int number = 0;
            while ((line = lines.readLine()) != null) {
                number++;
                if (line.isBlank()) {
                    continue;
                }
                JsonNode entry = JSON.readTree(line);
                for (String field : List.of("lang", "source", "target")) {
                    if (!entry.path(field).isTextual()) {
                        throw new IllegalArgumentException(file + " line " + number + ": a translation seed entry needs a text '"
                                + field + "'");
                    }
                }
                pairs.add(new TranslationPair(entry.get("lang").asText(), text(entry.get("source").asText()),
                        text(entry.get("target").asText())));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read translation seed file " + file, e);
        }
        if (pairs.isEmpty()) {
            throw new IllegalArgumentException("translation seed file " + file + " holds no entries");
        }
        return pairs;
    }

    /** The text a translator sees: placeholders removed, outer whitespace stripped. */
    static String text(String value) {
        return value.replace(Turn.IMAGE_TOKEN, "").strip();
    }
}
