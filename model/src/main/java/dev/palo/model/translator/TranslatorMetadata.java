package dev.palo.model.translator;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * {@code translator.json}: what a saved translator is beside its weights — the config it was built with, the
 * languages it translates into, and the LoRA tuning merged into it (null for a base translator).
 */
public record TranslatorMetadata(
        @JsonProperty("config") TranslatorConfig config,
        @JsonProperty("languages") List<String> languages,
        @JsonProperty("tuning") TranslatorTuningConfig tuning) {
    static final String FILE = "translator.json";
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    public TranslatorMetadata {
        if (config == null || languages == null || languages.isEmpty()) {
            throw new IllegalArgumentException("translator metadata needs its config and at least one language");
        }
        languages = List.copyOf(languages);
    }

    static TranslatorMetadata read(Path dir) {
        Path file = dir.resolve(FILE);
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException("not a translator folder (no " + FILE + "): " + dir);
        }
        try {
            return JSON.readValue(file.toFile(), TranslatorMetadata.class);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    void write(Path dir) {
        try {
            Files.createDirectories(dir);
            JSON.writeValue(dir.resolve(FILE).toFile(), this);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + dir.resolve(FILE), e);
        }
    }
}
