package dev.palo.services.runs;

import java.time.Duration;
import java.time.Instant;

/** Durations as the dashboard prints them: {@code 42 s}, {@code 3 min 5 s}, {@code 1 h 2 min}. */
public final class Durations {
    private Durations() {
    }

    /** From {@code start} to {@code end}, or to now while it has not ended; blank without a start. */
    public static String between(Instant start, Instant end) {
        return between(start, end, Instant.now());
    }

    /** From {@code start} to {@code end}, or to {@code now} while it has not ended; blank without a start. */
    public static String between(Instant start, Instant end, Instant now) {
        if (start == null) {
            return "";
        }
        return of(Duration.between(start, end == null ? now : end).toSeconds());
    }

    public static String of(long seconds) {
        long s = Math.max(0, seconds);
        if (s < 60) {
            return s + " s";
        }
        if (s < 3600) {
            return s / 60 + " min " + s % 60 + " s";
        }
        return s / 3600 + " h " + s % 3600 / 60 + " min";
    }
}
