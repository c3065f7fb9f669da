package dev.palo.benchmarks.bench;

import java.util.List;
import java.util.Locale;

/**
 * One side of a comparison: the median of the timed repeats (warm-ups left out), in a unit, with every repeat kept
 * so the spread is visible in the JSON.
 *
 * @param value   the median of {@code samples}
 * @param unit    e.g. {@code MB/s}, {@code records/s}, {@code s}
 * @param samples each timed repeat's figure, in order
 * @param what    what was measured, in words (the anchor's command, the sample it ran on)
 */
public record Measure(double value, String unit, List<Double> samples, String what) {
    public Measure {
        samples = List.copyOf(samples);
    }

    /** The median of the repeats. */
    public static Measure of(List<Double> samples, String unit, String what) {
        if (samples.isEmpty()) {
            throw new IllegalArgumentException("a measure needs at least one sample: " + what);
        }
        List<Double> sorted = samples.stream().sorted().toList();
        int middle = sorted.size() / 2;
        double median = sorted.size() % 2 == 1 ? sorted.get(middle) : (sorted.get(middle - 1) + sorted.get(middle)) / 2;
        return new Measure(median, unit, samples, what);
    }

    /** A single figure that is not repeated (a limit, a count). */
    public static Measure single(double value, String unit, String what) {
        return new Measure(value, unit, List.of(value), what);
    }

    /** The value with its unit, three significant digits or whole numbers. */
    public String text() {
        String number = Math.abs(value) >= 100 || value == Math.rint(value)
                ? String.format(Locale.ROOT, "%,.0f", value) : String.format(Locale.ROOT, "%.3g", value);
        return number + " " + unit;
    }
}
