package dev.palo.activities.training;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * How a training stage's run went, for its manifest.
 *
 * @param steps           optimizer steps of the whole run
 * @param resumedFromStep step of the checkpoint this attempt started from (0 for a fresh start)
 * @param skippedSteps    updates the non-finite-gradient guard skipped
 * @param checkpoints     checkpoints this attempt wrote
 * @param finalLoss       loss of the last step
 * @param tokensPerSecond text tokens per second over this attempt's steps
 */
public record TrainingOutcome(int steps, int resumedFromStep, int skippedSteps, int checkpoints, double finalLoss,
                              double tokensPerSecond) {

    /** As stage metrics, under {@code train.*}. */
    public Map<String, Double> metrics() {
        Map<String, Double> metrics = new LinkedHashMap<>();
        metrics.put("train.steps", (double) steps);
        metrics.put("train.resumed_from_step", (double) resumedFromStep);
        metrics.put("train.skipped_steps", (double) skippedSteps);
        metrics.put("train.checkpoints", (double) checkpoints);
        metrics.put("train.final_loss", finalLoss);
        metrics.put("train.tokens_per_second", tokensPerSecond);
        return metrics;
    }
}
