package dev.palo.workflows.review;

/** What the review stage does when its deadline passes before the quorum is met. */
public enum MissedQuorum {
    /** The language's pipeline fails: without enough reviewed data the translator tune is not trusted. */
    FAIL,
    /** The stage proceeds with whatever was decided, its result flagged {@code review.quorumMet = 0}. */
    PROCEED_FLAGGED
}
