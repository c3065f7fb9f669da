package dev.palo.data.lang;

/** A language code or name the registry does not know; the message lists the known codes. */
public class UnknownLanguageException extends IllegalArgumentException {

    public UnknownLanguageException(String message) {
        super(message);
    }
}
