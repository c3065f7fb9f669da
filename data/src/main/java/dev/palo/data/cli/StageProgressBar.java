package dev.palo.data.cli;

import dev.palo.data.mini.Progress;
import java.io.PrintStream;
import java.util.Locale;

/**
 * A progress bar per generation stage on stderr: redrawn in place on a terminal a few times a second, a new line
 * every ten seconds into a log, and always once when a stage completes.
 */
final class StageProgressBar implements Progress {

    private static final int WIDTH = 30;
    private static final long TERMINAL_INTERVAL_NANOS = 200_000_000L;
    private static final long LOG_INTERVAL_NANOS = 10_000_000_000L;

    private final PrintStream out;
    private final boolean terminal;
    private long lastDrawn;

    StageProgressBar(PrintStream out, boolean terminal) {
        this.out = out;
        this.terminal = terminal;
    }

    @Override
    public void update(String stage, long done, long total) {
        long now = System.nanoTime();
        boolean complete = done >= total;
        if (!complete && now - lastDrawn < (terminal ? TERMINAL_INTERVAL_NANOS : LOG_INTERVAL_NANOS)) {
            return;
        }
        lastDrawn = now;
        double fraction = total == 0 ? 1 : (double) done / total;
        int filled = (int) Math.round(fraction * WIDTH);
        String line = String.format(Locale.ROOT, "[%s%s] %5.1f%% %-18s %,d/%,d", "#".repeat(filled),
                " ".repeat(WIDTH - filled), 100 * fraction, stage, done, total);
        if (terminal) {
            out.print("\r" + line + (complete ? "\n" : ""));
        } else {
            out.println(line);
        }
        out.flush();
    }
}
