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

    /**
     * The polyline in pixels, at most two points per pixel column (the column's lowest and highest value, in step
     * order), so a curve keeps its spikes while a stage of thousands of logged steps draws in a few kilobytes: the
     * live fragment goes to every open page at each change, and a 5,625-step curve drawn point by point made 60 of
     * its 84 KB.
     */
    static String line(List<TrainingCurves.Point> points, long lastStep) {
        if (points.isEmpty()) {
            return "";
        }
        double min = points.stream().mapToDouble(TrainingCurves.Point::value).min().orElse(0);
        double max = points.stream().mapToDouble(TrainingCurves.Point::value).max().orElse(1);
        double span = max - min == 0 ? 1 : max - min;
        StringBuilder line = new StringBuilder();
        int from = 0;
        while (from < points.size()) {
            long column = column(points.get(from), lastStep);
            int to = from;
            int low = from;
            int high = from;
            while (to < points.size() && column(points.get(to), lastStep) == column) {
                low = points.get(to).value() < points.get(low).value() ? to : low;
                high = points.get(to).value() > points.get(high).value() ? to : high;
                to++;
            }
            for (int index : low == high ? new int[] {low} : new int[] {Math.min(low, high), Math.max(low, high)}) {
                TrainingCurves.Point point = points.get(index);
                double x = (double) point.step() / lastStep * (WIDTH - 2) + 1;
                double y = HEIGHT - 2 - (point.value() - min) / span * (HEIGHT - 4);
                line.append(String.format(Locale.ROOT, "%.1f,%.1f ", x, y));
            }
            from = to;
        }
        return line.toString().trim();
    }

    private static long column(TrainingCurves.Point point, long lastStep) {
        return Math.round((double) point.step() / lastStep * (WIDTH - 2));
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
