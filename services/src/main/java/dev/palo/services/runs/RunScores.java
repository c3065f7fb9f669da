package dev.palo.services.runs;

import java.util.Locale;

/**
 * A finished run's headline figures from its Table 1: the PALO arm's averages over the high- and low-resource
 * languages, and the PALO − baseline gain of each.
 */
public record RunScores(Double avgH, Double avgL, Double gainH, Double gainL) {
    /** {@code 41.3 (+25.9)} for the high-resource average, as the runs list prints it. */
    public String high() {
        return text(avgH, gainH);
    }

    public String low() {
        return text(avgL, gainL);
    }

    private static String text(Double value, Double gain) {
        if (value == null) {
            return "";
        }
        return String.format(Locale.ROOT, "%.1f", value)
                + (gain == null ? "" : String.format(Locale.ROOT, " (%+.1f)", gain));
    }
}
