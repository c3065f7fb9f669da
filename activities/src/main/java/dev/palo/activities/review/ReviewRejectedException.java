package dev.palo.activities.review;

/** A decision the workflow refused (validator or store), with the workflow's reason as the message. */
public final class ReviewRejectedException extends RuntimeException {
    public ReviewRejectedException(String reason, Throwable cause) {
        super(reason, cause);
    }
}
