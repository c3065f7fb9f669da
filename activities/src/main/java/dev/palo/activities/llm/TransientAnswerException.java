package dev.palo.activities.llm;

import java.time.Duration;

/**
 * An answer worth asking again for: 408, 429, 5xx, or a 200 whose body is not the completion it
 * should be (invalid or truncated JSON, no {@code choices[0].message.content}).
 */
final class TransientAnswerException extends RuntimeException {
    private final int status;
    private final Duration retryAfter;

    TransientAnswerException(String message, int status, Duration retryAfter) {
        super(message, null, false, false);
        this.status = status;
        this.retryAfter = retryAfter;
    }

    int status() {
        return status;
    }

    /** What the server asked to wait, or null to let the backoff decide. */
    Duration retryAfter() {
        return retryAfter;
    }
}
