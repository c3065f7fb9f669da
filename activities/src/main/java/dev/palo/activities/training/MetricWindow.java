package dev.palo.activities.training;

import dev.palo.activities.tracking.Tracker;
import dev.palo.model.train.StepResult;
import java.io.IOException;

/**
 * The steps since the last logged one, logged as one point the way HF's Trainer does between its
 * logging steps: mean loss and gradient norm, the last learning rate, and text tokens per second over
 * the window. One tracking request per metric per window instead of per step keeps a slow tracking
 * server from pacing training.
 */
final class MetricWindow {
    private double loss;
    private double gradNorm;
    private long tokens;
    private double seconds;
    private int steps;

    void add(StepResult result, double stepSeconds) {
        loss += result.loss();
        gradNorm += result.gradNorm();
        tokens += result.tokens();
        seconds += stepSeconds;
        steps++;
    }

    /** Logs the window at {@code step} (1-based steps done) and empties it. */
    void logTo(Tracker tracker, String runId, int step, double learningRate) throws IOException {
        tracker.logMetric(runId, "loss", loss / steps, step);
        tracker.logMetric(runId, "learning_rate", learningRate, step);
        tracker.logMetric(runId, "grad_norm", gradNorm / steps, step);
        tracker.logMetric(runId, "tokens_per_second", seconds > 0 ? tokens / seconds : 0, step);
        loss = 0;
        gradNorm = 0;
        tokens = 0;
        seconds = 0;
        steps = 0;
    }
}
