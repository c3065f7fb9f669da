package dev.palo.workflows.review;

/** Where a language's review stands. */
public enum ReviewState {
    /** Earlier stages still run: no sample yet. */
    NOT_STARTED,
    /** Sample ready, decisions accepted. */
    OPEN,
    /** Deadline passed or quorum reached: decisions are refused. */
    CLOSED
}
