package dev.palo.services.runs;

import java.util.List;

/**
 * A training stage's loss and learning-rate curves from its MLflow run, as the training loop logged them.
 *
 * @param totalSteps the schedule's length, when the stage logged it
 */
public record TrainingCurves(List<Point> loss, List<Point> learningRate, Long totalSteps) {
    public TrainingCurves {
        loss = List.copyOf(loss);
        learningRate = List.copyOf(learningRate);
    }

    /** One logged value: {@code step} is the optimizer steps done when it was logged. */
    public record Point(long step, double value) {
    }

    /** Steps done as far as the curves tell; null before the first point. */
    public Long lastStep() {
        return loss.isEmpty() ? null : loss.get(loss.size() - 1).step();
    }
}
