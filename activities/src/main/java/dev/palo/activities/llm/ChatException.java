package dev.palo.activities.llm;

import dev.palo.workflows.FailureTypes;
import io.temporal.failure.ApplicationFailure;

/** A chat request that failed for good: a 4xx other than 429, or retries exhausted. */
public class ChatException extends RuntimeException {
    private final int status;

    public ChatException(String message, int status) {
        super(message);
        this.status = status;
    }

    /** HTTP status of the last answer, or -1 when none came. */
    public int status() {
        return status;
    }

    /** Statuses no retry can fix (bad request, bad key, unknown model). */
    public boolean isPermanent() {
        return status >= 400 && status < 500 && status != 429 && status != 408;
    }

    /** What an activity throws for this error: a permanent answer (400, 401…) fails it without retries. */
    public RuntimeException forActivity() {
        return isPermanent() ? ApplicationFailure.newNonRetryableFailure(getMessage(), FailureTypes.INVALID_INPUT) : this;
    }
}
