package dev.palo.workflows;

import io.temporal.failure.ApplicationFailure;

/** ApplicationFailure types shared by workflows and activities; none of them is retried. */
public final class FailureTypes {
    /** Input that no retry can fix: malformed data, a wrong spec. */
    public static final String INVALID_INPUT = "InvalidInput";
    /** A language code missing from the registry. */
    public static final String UNKNOWN_LANGUAGE = "UnknownLanguage";
    /** A secret (API key) named by the config but absent on the worker. */
    public static final String MISSING_SECRET = "MissingSecret";
    /** A secret not on the operator's allow-list, or named for an endpoint it is not bound to. */
    public static final String SECRET_NOT_ALLOWED = "SecretNotAllowed";
    /** A review deadline passed without its quorum, under a policy that fails the language. */
    public static final String REVIEW_QUORUM_MISSED = "ReviewQuorumMissed";

    /** Too few of a language's translated records passed QA (its floor), under a policy that fails the language. */
    public static final String LANGUAGE_BELOW_FLOOR = "LanguageBelowFloor";

    private FailureTypes() {
    }

    /**
     * Input no retry can fix (a malformed record, a wrong spec): an {@link #INVALID_INPUT} failure with this message,
     * thrown from a workflow or an activity alike.
     */
    public static ApplicationFailure invalidInput(String message) {
        return ApplicationFailure.newNonRetryableFailure(message, INVALID_INPUT);
    }
}
