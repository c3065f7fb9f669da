package dev.palo.activities.storage;

/** A key that {@link ObjectKeys} refuses; the message says why, so the REST layer answers it as a 400. */
public final class InvalidObjectKeyException extends IllegalArgumentException {
    public InvalidObjectKeyException(String message) {
        super(message);
    }
}
