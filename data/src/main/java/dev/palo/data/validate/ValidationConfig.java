package dev.palo.data.validate;

import dev.palo.data.lang.LanguageRegistry;

import java.nio.file.Path;
import java.util.Objects;

/**
 * @param imageRoot      folder record images are relative to; null skips the image checks (file and decoding)
 * @param maxRecordBytes records larger than this, in bytes of the input file, are rejected
 * @param registry       the languages a record may name
 */
public record ValidationConfig(Path imageRoot, int maxRecordBytes, LanguageRegistry registry) {

    /** 1 MiB: far above LLaVA-665K's longest records, low enough to stop a runaway record. */
    public static final int DEFAULT_MAX_RECORD_BYTES = 1 << 20;

    public ValidationConfig {
        if (maxRecordBytes <= 0) {
            throw new IllegalArgumentException("max record bytes must be positive, got " + maxRecordBytes);
        }
        Objects.requireNonNull(registry, "language registry");
    }

    public static ValidationConfig defaults(Path imageRoot) {
        return new ValidationConfig(imageRoot, DEFAULT_MAX_RECORD_BYTES, LanguageRegistry.palo());
    }
}
