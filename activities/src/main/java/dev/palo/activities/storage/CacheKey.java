package dev.palo.activities.storage;

/** The stage cache key: stage, code version, language, input digest and config, hashed. */
public final class CacheKey {
    private static final int HEX_CHARS = 24;

    private CacheKey() {
    }

    /** {@code canonicalConfig} must serialise equal configs to equal text (e.g. JSON of a record). */
    public static String of(String stage, String codeVersion, String language, String inputSha256,
                            String canonicalConfig) {
        String identity = String.join("\n", stage, codeVersion, language, inputSha256, canonicalConfig);
        return Sha256.of(identity).substring(0, HEX_CHARS);
    }
}
