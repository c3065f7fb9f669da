package dev.palo.workflows.review;

/** Who decides review tasks. SIMULATED is the demo's stand-in and is labelled as such in every output. */
public enum ReviewerMode {
    /** People, through the review API. */
    HUMAN,
    /** {@code SimulatedReviewer} submitting PALO-mini gold text through the same API, after a delay. */
    SIMULATED
}
