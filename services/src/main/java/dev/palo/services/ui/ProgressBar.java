package dev.palo.services.ui;

import dev.palo.services.runs.RunStatus;
import dev.palo.services.runs.StageProgress;
import java.time.Duration;
import java.time.Instant;

/**
 * A stage's progress bar: work done of work to do, as its heartbeat or training steps count it, and, while it runs
 * with a known total, the time left at the rate so far.
 *
 * @param percent 0–100, or -1 when the total is not known (the bar then only says it is busy)
 * @param text    {@code 12 / 40 chunks}
 * @param eta     {@code ETA 3 min 5 s}, blank where no rate or total is known
 */
public record ProgressBar(int percent, String text, String eta) {
    /** Null for a stage that reports no count; the dashboard's bar and {@code palo run}'s text line read it alike. */
    public static ProgressBar of(StageProgress stage, Instant now) {
        boolean running = RunStatus.RUNNING.equals(stage.status());
        Long done = stage.done();
        Long total = stage.total();
        if (!running) {
            return null;
        }
        if (done == null) {
            return total == null ? new ProgressBar(-1, "", "") : new ProgressBar(0, "0 / " + total + " " + stage.unit(),
                    "");
        }
        String unit = stage.unit() == null ? "" : " " + stage.unit();
        if (total == null || total <= 0) {
            return new ProgressBar(-1, done + unit, "");
        }
        int percent = (int) Math.min(100, Math.max(0, done * 100 / total));
        return new ProgressBar(percent, done + " / " + total + unit, eta(stage.startedAt(), now, done, total));
    }

    public boolean known() {
        return percent >= 0;
    }

    /** One line of text: {@code 12 / 40 chunks (30 %) · ETA 3 min 5 s}; blank where no count is known. */
    public String line() {
        if (text.isBlank()) {
            return "";
        }
        return text + (known() ? " (" + percent + " %)" : "") + (eta.isBlank() ? "" : " · " + eta);
    }

    /** Remaining work at the average rate since the stage started. */
    private static String eta(Instant startedAt, Instant now, long done, long total) {
        if (startedAt == null || done <= 0 || done >= total) {
            return "";
        }
        double seconds = Duration.between(startedAt, now).toMillis() / 1000.0;
        if (seconds <= 0) {
            return "";
        }
        long left = Math.round((total - done) / (done / seconds));
        return "ETA " + RunView.durationOf(left);
    }
}
