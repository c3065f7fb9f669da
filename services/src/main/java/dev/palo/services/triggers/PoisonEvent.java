package dev.palo.services.triggers;

/**
 * A trigger event the platform cannot act on, ever: it goes to the dead-letter topic with {@link #reason()} in the
 * {@code palo.dlq.reason} header and the message in {@code palo.dlq.detail}. Redelivering it would fail the same way.
 */
public final class PoisonEvent extends RuntimeException {
    public static final String NOT_JSON = "not_json";
    public static final String OVERSIZED = "oversized";
    public static final String UNKNOWN_SCHEMA_VERSION = "unknown_schema_version";
    public static final String MISSING_FIELD = "missing_field";
    public static final String UNKNOWN_KIND = "unknown_kind";
    public static final String UNKNOWN_LANGUAGE = "unknown_language";
    public static final String UNKNOWN_RECIPE = "unknown_recipe";
    public static final String SOURCE_NOT_FOUND = "source_not_found";
    public static final String SHA256_MISMATCH = "sha256_mismatch";
    /** The event is well formed but the run it asks for is not (the API would answer 400). */
    public static final String INVALID_RUN = "invalid_run";

    private final String reason;

    public PoisonEvent(String reason, String detail) {
        super(detail);
        this.reason = reason;
    }

    public String reason() {
        return reason;
    }
}
