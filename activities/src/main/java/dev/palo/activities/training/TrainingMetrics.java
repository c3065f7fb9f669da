package dev.palo.activities.training;

/** Metric names every training loop logs the same way, so the dashboard reads each stage alike. */
public final class TrainingMetrics {
    /** Logged once, at step 0: the steps of the stage's schedule (the dashboard's total steps and ETA). */
    public static final String TOTAL_STEPS = "total_steps";

    private TrainingMetrics() {
    }
}
