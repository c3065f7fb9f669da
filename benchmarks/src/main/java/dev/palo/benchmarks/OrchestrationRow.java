package dev.palo.benchmarks;

import dev.palo.activities.worker.WorkerSettings;
import dev.palo.benchmarks.bench.BenchContext;
import dev.palo.benchmarks.bench.BenchFigure;
import dev.palo.benchmarks.bench.BenchRow;
import dev.palo.benchmarks.bench.Measure;
import dev.palo.benchmarks.bench.Target;
import io.temporal.client.WorkflowClient;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code orchestration}: a tiny run ({@code ./palo demo --size tiny --languages fr}: every stage, PALO-mini tiny,
 * through the services app and its workers) and, from its Temporal histories as {@link RunTimeline} reads them, the
 * orchestration's share of its wall time: the palo-cpu queue's schedule-to-start latencies plus the workflow tasks'
 * time. Both are sums over work that partly overlaps, so the share is an upper bound; beside it, as context, the time
 * in which no activity of the run was executing ({@link RunTimeline#idle}), the part on the critical path. Three
 * runs; one with {@code --quick} (a tiny run takes minutes), which the figure says.
 */
public final class OrchestrationRow implements BenchRow {
    private static final Pattern RUN_ID = Pattern.compile("/runs/(\\S+) \\(");
    private static final long RUN_TIMEOUT_MINUTES = 30;
    private static final int TAIL_LINES = 20;

    @Override
    public List<BenchFigure> measure(BenchContext context) throws Exception {
        int runs = context.quick() ? 1 : context.repeats();
        WorkflowClient client = RunTimeline.client(WorkerSettings.fromEnvironment(context.env()));
        List<Double> overheads = new ArrayList<>();
        List<Double> walls = new ArrayList<>();
        List<Double> shares = new ArrayList<>();
        List<Double> idles = new ArrayList<>();
        List<Double> idleShares = new ArrayList<>();
        List<String> ids = new ArrayList<>();
        for (int run = 0; run < runs; run++) {
            String id = tinyRun(context);
            ids.add(id);
            RunTimeline.History history = RunTimeline.history(client, id);
            double wall = history.wall().toMillis() / 1000.0;
            double overhead = RunTimeline.cpuWaitSeconds(history.spans())
                    + history.workflowTasks().toMillis() / 1000.0;
            overheads.add(overhead);
            walls.add(wall);
            shares.add(overhead / wall);
            double idle = RunTimeline.idle(history.spans(), history.start(), history.end()).toMillis() / 1000.0;
            idles.add(idle);
            idleShares.add(idle / wall);
        }
        Measure ours = Measure.of(overheads, "s", "palo-cpu schedule-to-start + workflow-task time, summed over the"
                + " run's workflows (runs " + String.join(", ", ids) + ")");
        Measure anchor = Measure.of(walls, "s", "the run's wall time, ./palo demo --size tiny --languages fr");
        Measure idle = Measure.of(idles, "s", "time in which none of the run's activities was executing");
        BenchFigure critical = BenchFigure.context("time no activity of a tiny run was running", idle, anchor,
                Measure.of(idleShares, "", "").value(), "ratio: the median run's time without a running activity over"
                        + " its wall time: the orchestration on the run's critical path (workflow tasks, schedule-to-start"
                        + " and hand-over between stages that no activity overlaps), counted once");
        return List.of(BenchFigure.measured("orchestration overhead of a tiny run", ours, anchor,
                Measure.of(shares, "", "").value(), Target.atMost(0.02), "ratio: the median run's overhead over its"
                        + " wall time, an upper bound (the sums overlap); the time no activity ran while work was ready"
                        + " is not counted; " + (runs < 3 ? runs + " run (--quick), not the 3 repeats of the full"
                        + " bench" : runs + " runs, no warm-up (the first run's data generation is in its wall time)")),
                critical);
    }

    /** Starts {@code ./palo demo --size tiny --languages fr}, waits for it to end, and returns the run's id. */
    private static String tinyRun(BenchContext context) throws IOException, InterruptedException {
        Process demo = new ProcessBuilder(context.root().resolve("palo").toString(), "demo", "--size", "tiny",
                "--languages", "fr").directory(context.root().toFile()).redirectErrorStream(true).start();
        String id = null;
        Deque<String> tail = new ArrayDeque<>();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(demo.getInputStream(),
                StandardCharsets.UTF_8))) {
            for (String line = out.readLine(); line != null; line = out.readLine()) {
                Matcher match = RUN_ID.matcher(line);
                if (id == null && match.find()) {
                    id = match.group(1);
                }
                tail.addLast(line);
                if (tail.size() > TAIL_LINES) {
                    tail.removeFirst();
                }
            }
        }
        if (!demo.waitFor(RUN_TIMEOUT_MINUTES, TimeUnit.MINUTES)) {
            demo.destroyForcibly();
            throw new IOException("./palo demo --size tiny did not end within " + RUN_TIMEOUT_MINUTES + " min");
        }
        if (demo.exitValue() != 0 || id == null) {
            throw new IOException("./palo demo --size tiny failed (exit " + demo.exitValue() + ", run " + id
                    + "); its last lines:\n" + String.join("\n", tail));
        }
        return id;
    }
}
