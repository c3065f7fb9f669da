package dev.palo.workflows.review;

import java.time.Duration;
import java.util.List;

/**
 * The demo's simulated reviewers for one run.
 *
 * @param runId     the pipeline run whose reviews they decide
 * @param languages one reviewer per language
 * @param miniTree  the PALO-mini tree the run's source came from, on the workers' disk: its gold is the decision
 * @param delay     pause before each decision (the review config's {@code simulatedDelay})
 */
public record SimulatedReviewJob(String runId, List<String> languages, String miniTree, Duration delay) {
    public SimulatedReviewJob {
        languages = List.copyOf(languages);
    }
}
