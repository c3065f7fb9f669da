package dev.palo.workflows.review;

/** A reviewer's call on one translated conversation. */
public enum ReviewVerdict {
    /** The translation is right as it is. */
    ACCEPT,
    /** The translation is replaced by the reviewer's corrected turns. */
    CORRECT,
    /** The translation is unusable; it is left out of the corrected pairs. */
    REJECT
}
