package dev.palo.data.llava;

/** A JSON value that is valid JSON but not a valid LLaVA record; the message names the offending field. */
public class LlavaFormatException extends RuntimeException {

    public LlavaFormatException(String message) {
        super(message);
    }

    public LlavaFormatException(String message, Throwable cause) {
        super(message, cause);
    }
}
