package dev.palo.data.validate;

/** Told after every record how far validation has come, e.g. to draw a progress line. */
@FunctionalInterface
public interface ValidationListener {

    ValidationListener NONE = (records, bytesRead) -> { };

    void progress(long records, long bytesRead);

    /** After every record, with the records quarantined so far; by default only {@link #progress}. */
    default void judged(long records, long quarantined, long bytesRead) {
        progress(records, bytesRead);
    }
}
