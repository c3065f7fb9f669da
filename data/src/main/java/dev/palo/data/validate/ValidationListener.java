package dev.palo.data.validate;

/** Told after every record how far validation has come, e.g. to draw a progress line. */
@FunctionalInterface
public interface ValidationListener {

    ValidationListener NONE = (records, bytesRead) -> { };

    void progress(long records, long bytesRead);
}
