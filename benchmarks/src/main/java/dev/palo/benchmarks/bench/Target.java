package dev.palo.benchmarks.bench;

import java.util.Locale;

/**
 * What a figure's ratio (this project over the anchor) must reach: at least or at most {@code threshold}.
 *
 * @param atLeast true for "ratio ≥ threshold", false for "ratio ≤ threshold"
 */
public record Target(double threshold, boolean atLeast) {
    public static Target atLeast(double threshold) {
        return new Target(threshold, true);
    }

    public static Target atMost(double threshold) {
        return new Target(threshold, false);
    }

    public boolean met(double ratio) {
        return atLeast ? ratio >= threshold : ratio <= threshold;
    }

    public String text() {
        return (atLeast ? "≥ " : "≤ ") + String.format(Locale.ROOT, "%.3g", threshold) + "×";
    }
}
