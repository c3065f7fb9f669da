package dev.palo.workflows.review;

/**
 * When enough of a sample is decided. The quorum is the larger of {@code minDecided} and
 * {@code minDecidedFraction} of the sample, capped at the sample size.
 *
 * @param minDecidedFraction share of tasks that must be decided, within [0, 1]
 * @param minDecided         tasks that must be decided, at least
 * @param closeOnQuorum      true: the stage proceeds as soon as the quorum is met; false: it waits for
 *                           every task or the deadline, whichever comes first
 * @param onMissed           what happens at the deadline when the quorum is not met
 */
public record QuorumPolicy(double minDecidedFraction, int minDecided, boolean closeOnQuorum, MissedQuorum onMissed) {
    public QuorumPolicy {
        if (!(minDecidedFraction >= 0 && minDecidedFraction <= 1)) {
            throw new IllegalArgumentException("review quorum minDecidedFraction must be within [0, 1], got "
                    + minDecidedFraction);
        }
        if (minDecided < 0) {
            throw new IllegalArgumentException("review quorum minDecided must be >= 0, got " + minDecided);
        }
        if (onMissed == null) {
            throw new IllegalArgumentException("review quorum needs an onMissed policy (FAIL or PROCEED_FLAGGED)");
        }
    }

    /** Decided tasks needed out of {@code tasks}. */
    public int required(int tasks) {
        return Math.min(tasks, Math.max(minDecided, (int) Math.ceil(minDecidedFraction * tasks)));
    }
}
