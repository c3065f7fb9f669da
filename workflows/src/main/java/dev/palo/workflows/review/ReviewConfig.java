package dev.palo.workflows.review;

import java.time.Duration;
import java.util.List;

/**
 * The human-review stage of one language: which translations people check and how long the
 * pipeline waits for them.
 *
 * @param sampleSize     conversations per language to review (the paper used 1K); 0 reviews nothing
 * @param lengthBounds   English length strata, as ascending character-count bounds: {@code [200, 600]}
 *                       makes the strata {@code <200}, {@code 200..599}, {@code >=600}; empty: one stratum
 * @param seed           the sampler's seed: the same input, config and seed give the same sample
 * @param deadline       longest wait for decisions once the sample is ready
 * @param quorum         when enough is decided, and what a missed quorum does
 * @param mode           human reviewers or the simulated demo reviewer
 * @param simulatedDelay in SIMULATED mode, the pause before each simulated decision
 */
public record ReviewConfig(int sampleSize, List<Integer> lengthBounds, long seed, Duration deadline,
                           QuorumPolicy quorum, ReviewerMode mode, Duration simulatedDelay) {
    public ReviewConfig {
        if (sampleSize < 0) {
            throw new IllegalArgumentException("review sampleSize must be >= 0, got " + sampleSize);
        }
        lengthBounds = List.copyOf(lengthBounds == null ? List.of() : lengthBounds);
        for (int i = 0; i < lengthBounds.size(); i++) {
            if (lengthBounds.get(i) <= 0 || (i > 0 && lengthBounds.get(i) <= lengthBounds.get(i - 1))) {
                throw new IllegalArgumentException("review lengthBounds must be positive and ascending, got "
                        + lengthBounds);
            }
        }
        if (deadline == null || deadline.isNegative() || deadline.isZero()) {
            throw new IllegalArgumentException("review deadline must be a positive duration, got " + deadline);
        }
        if (quorum == null || mode == null) {
            throw new IllegalArgumentException("review config needs a quorum policy and a reviewer mode");
        }
        if (simulatedDelay == null || simulatedDelay.isNegative()) {
            throw new IllegalArgumentException("review simulatedDelay must be >= 0, got " + simulatedDelay);
        }
    }

    /** No human review: an empty sample, which closes at once with nothing decided. */
    public static ReviewConfig none() {
        return new ReviewConfig(0, List.of(), 0, Duration.ofMinutes(1),
                new QuorumPolicy(0, 0, false, MissedQuorum.PROCEED_FLAGGED), ReviewerMode.HUMAN, Duration.ZERO);
    }

    /**
     * The paper's size: 1K conversations, a week to review them, every one decided unless the week
     * ends, then half of them required or the language fails.
     */
    public static ReviewConfig defaults() {
        return new ReviewConfig(1000, List.of(200, 600), 1, Duration.ofDays(7),
                new QuorumPolicy(0.5, 1, false, MissedQuorum.FAIL), ReviewerMode.HUMAN, Duration.ZERO);
    }
}
