package dev.palo.services.ui;

import dev.palo.services.runs.TrainingCurves;
import java.util.List;
import java.util.Locale;

/**
 * A training stage's loss and learning-rate curves as two SVG polylines over the steps, each scaled to its own range
 * (drawn on the server, like the Table 1 chart).
 *
 * @param loss         the loss polyline's points, {@code "x,y x,y …"}
 * @param learningRate the learning rate's, on its own scale
 */
public record CurveChart(String loss, String learningRate, String lossRange, String learningRateRange, long lastStep,
                         int width, int height) {
    static final int WIDTH = 260;
    static final int HEIGHT = 70;

    /** Null when there is no line to draw (fewer than two logged points). */
    static CurveChart of(TrainingCurves curves) {
        if (curves == null || curves.loss().size() < 2) {
            return null;
        }
        long last = Math.max(1, Math.max(steps(curves.loss()), curves.totalSteps() == null ? 0 : curves.totalSteps()));
        return new CurveChart(line(curves.loss(), last), line(curves.learningRate(), last), range(curves.loss()),
                range(curves.learningRate()), curves.lastStep(), WIDTH, HEIGHT);
    }

    private static long steps(List<TrainingCurves.Point> points) {
        return points.get(points.size() - 1).step();
    }

    private static String line(List<TrainingCurves.Point> points, long lastStep) {
        if (points.isEmpty()) {
            return "";
        }
        double min = points.stream().mapToDouble(TrainingCurves.Point::value).min().orElse(0);
        double max = points.stream().mapToDouble(TrainingCurves.Point::value).max().orElse(1);
        double span = max - min == 0 ? 1 : max - min;
        StringBuilder line = new StringBuilder();
        for (TrainingCurves.Point point : points) {
            double x = (double) point.step() / lastStep * (WIDTH - 2) + 1;
            double y = HEIGHT - 2 - (point.value() - min) / span * (HEIGHT - 4);
            line.append(String.format(Locale.ROOT, "%.1f,%.1f ", x, y));
        }
        return line.toString().trim();
    }

    private static String range(List<TrainingCurves.Point> points) {
        if (points.isEmpty()) {
            return "";
        }
        double min = points.stream().mapToDouble(TrainingCurves.Point::value).min().orElse(0);
        double max = points.stream().mapToDouble(TrainingCurves.Point::value).max().orElse(0);
        return String.format(Locale.ROOT, "%.3g–%.3g", min, max);
    }
}
