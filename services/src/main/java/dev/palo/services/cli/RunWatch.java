package dev.palo.services.cli;

import dev.palo.services.runs.ProgressText;
import dev.palo.services.runs.RunDetail;
import dev.palo.services.runs.RunStatus;
import java.io.IOException;
import java.io.PrintStream;
import java.time.Duration;

/** Redraws a run's progress (the text view the API renders) until the run ends. */
final class RunWatch {
    /** Each redraw asks the app for the run's progress, which queries every language's workflow. */
    private static final Duration INTERVAL = Duration.ofSeconds(5);

    private RunWatch() {
    }

    /** The run as it ended; its lines are printed whenever they change, in place on a terminal. */
    static RunDetail untilEnded(ApiClient api, String id, PrintStream out) throws IOException, InterruptedException {
        boolean terminal = System.console() != null;
        String previous = "";
        int lines = 0;
        while (true) {
            RunDetail run = api.run(id);
            String text = ProgressText.render(run);
            if (!text.equals(previous)) {
                if (terminal && lines > 0) {
                    out.printf("\033[%dA\033[J", lines); // back over the last drawing
                }
                out.print(text);
                out.flush();
                lines = (int) text.lines().count();
                previous = text;
            }
            if (!RunStatus.RUNNING.equals(run.status())) {
                return run;
            }
            Thread.sleep(INTERVAL.toMillis());
        }
    }
}
