package dev.palo.model.nn;

/** Validation helpers for config records, so bad values fail early with the field's name. */
public final class ConfigChecks {
    private ConfigChecks() {}

    public static void positive(String field, long value) {
        if (value <= 0) {
            throw new IllegalArgumentException(field + " must be positive, got " + value);
        }
    }

    public static void divisible(String field, long value, String byField, long by) {
        if (by <= 0 || value % by != 0) {
            throw new IllegalArgumentException(
                    field + " (" + value + ") must be divisible by " + byField + " (" + by + ")");
        }
    }
}
