package dev.palo.services.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What open dashboards cost the platform: {@code N} pollers each fetch a running run's live fragment
 * ({@code /ui/runs/<id>/live}, what the run page's htmx polls) at the page's interval, and the CPU time the services
 * app and the Temporal server spend (utime + stime from {@code /proc/<pid>/stat}) is compared between windows with
 * and without them, alternating, while the same run runs. JDK only, so it runs as a single source file:
 *
 * <pre>java services/src/test/java/dev/palo/services/bench/DashboardPollingBenchmark.java \
 *     http://127.0.0.1:8080 RUN_ID APP_PID TEMPORAL_PID [pollers 20] [window-seconds 30] [pairs 3] [poll-seconds 5]</pre>
 *
 * Not a test: a figure for the README. Run it where the app serves no worker (the worker in another process),
 * or the run's own training lands in the app's CPU time.
 */
public final class DashboardPollingBenchmark {
    private static final Duration POLL = Duration.ofSeconds(5);
    private static final long TICKS = 100;  // USER_HZ on Linux

    private DashboardPollingBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 4) {
            System.err.println("usage: API_URL RUN_ID APP_PID TEMPORAL_PID [pollers] [window-seconds] [pairs]"
                    + " [poll-seconds]");
            System.exit(2);
        }
        String api = args[0];
        String run = args[1];
        long app = Long.parseLong(args[2]);
        long temporal = Long.parseLong(args[3]);
        int pollers = args.length > 4 ? Integer.parseInt(args[4]) : 20;
        Duration poll = args.length > 7 ? Duration.ofSeconds(Integer.parseInt(args[7])) : POLL;
        int window = args.length > 5 ? Integer.parseInt(args[5]) : 30;
        int pairs = args.length > 6 ? Integer.parseInt(args[6]) : 3;
        // HTTP/1.1 as browsers poll the app (no h2c upgrade attempts on plain-text connections)
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5)).build();
        URI live = URI.create(api + "/ui/runs/" + run + "/live");

        System.out.printf(Locale.ROOT, "%d pollers of %s every %d s; windows of %d s, %d pairs%n", pollers, live,
                poll.toSeconds(), window, pairs);
        System.out.println("window      app CPU %   temporal CPU %   requests   failed   mean latency ms   run after");
        // the app's JIT compiles the request path during the first requests: a window that is not counted
        measure("warm-up", pollers, poll, http, live, app, temporal, window);
        List<double[]> quiet = new ArrayList<>();
        List<double[]> polled = new ArrayList<>();
        for (int pair = 0; pair < pairs; pair++) {
            quiet.add(measure("without", 0, poll, http, live, app, temporal, window));
            polled.add(measure("with " + pollers, pollers, poll, http, live, app, temporal, window));
        }
        double appCost = mean(polled, 0) - mean(quiet, 0);
        double temporalCost = mean(polled, 1) - mean(quiet, 1);
        System.out.printf(Locale.ROOT, "mean without: app %.2f %%, temporal %.2f %% of one core%n", mean(quiet, 0),
                mean(quiet, 1));
        System.out.printf(Locale.ROOT, "mean with:    app %.2f %%, temporal %.2f %% of one core%n", mean(polled, 0),
                mean(polled, 1));
        System.out.printf(Locale.ROOT, "cost of %d dashboards: app %+.2f %%, temporal %+.2f %%, together %+.2f %% of"
                + " one core (target <= 2 %%)%n", pollers, appCost, temporalCost, appCost + temporalCost);
        System.exit(0);
    }

    /** One window: CPU % of one core for app and Temporal, requests answered, failures, mean latency. */
    private static double[] measure(String name, int pollers, Duration poll, HttpClient http, URI live, long app,
                                    long temporal, int seconds) throws Exception {
        AtomicLong requests = new AtomicLong();
        AtomicLong failed = new AtomicLong();
        AtomicLong nanos = new AtomicLong();
        ScheduledExecutorService timer = Executors.newScheduledThreadPool(Math.max(1, pollers));
        for (int i = 0; i < pollers; i++) {
            // spread the pollers over the interval, as twenty people opening the page at different times
            long offset = poll.toMillis() * i / Math.max(1, pollers);
            timer.scheduleAtFixedRate(() -> poll(http, live, requests, failed, nanos), offset, poll.toMillis(),
                    TimeUnit.MILLISECONDS);
        }
        long appStart = cpuTicks(app);
        long temporalStart = cpuTicks(temporal);
        long start = System.nanoTime();
        Thread.sleep(seconds * 1000L);
        long appTicks = cpuTicks(app) - appStart;
        long temporalTicks = cpuTicks(temporal) - temporalStart;
        double wall = (System.nanoTime() - start) / 1e9;
        timer.shutdownNow();
        timer.awaitTermination(10, TimeUnit.SECONDS);
        double appPercent = 100.0 * appTicks / TICKS / wall;
        double temporalPercent = 100.0 * temporalTicks / TICKS / wall;
        System.out.printf(Locale.ROOT, "%-10s %10.2f %16.2f %10d %8d %17.1f   %s%n", name, appPercent,
                temporalPercent, requests.get(), failed.get(),
                requests.get() == 0 ? 0 : nanos.get() / 1e6 / requests.get(), status(http, live));
        return new double[] {appPercent, temporalPercent};
    }

    /** The run's status after a window, so a window measured after the run ended can be told apart. */
    private static String status(HttpClient http, URI live) throws InterruptedException {
        URI run = live.resolve(live.getPath().replace("/ui/runs/", "/api/runs/").replace("/live", ""));
        String json;
        try {
            json = http.send(HttpRequest.newBuilder(run).header("Accept", "application/json").build(),
                    HttpResponse.BodyHandlers.ofString()).body();
        } catch (IOException e) {
            return "? (" + e.getMessage() + ")";
        }
        java.util.regex.Matcher status = java.util.regex.Pattern.compile("\"status\":\"([A-Z_]+)\"").matcher(json);
        return status.find() ? status.group(1) : "?";
    }

    private static void poll(HttpClient http, URI live, AtomicLong requests, AtomicLong failed, AtomicLong nanos) {
        long start = System.nanoTime();
        try {
            HttpResponse<byte[]> answer = http.send(HttpRequest.newBuilder(live).header("HX-Request", "true")
                    .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofByteArray());
            if (answer.statusCode() != 200) {
                failed.incrementAndGet();
            }
        } catch (IOException e) {
            failed.incrementAndGet();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        }
        requests.incrementAndGet();
        nanos.addAndGet(System.nanoTime() - start);
    }

    /** utime + stime of a process and its reaped children, in clock ticks (fields 14–17 of /proc/PID/stat). */
    static long cpuTicks(long pid) throws IOException {
        String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        // fields[0] is field 3 (state): utime is field 14, stime 15, cutime 16, cstime 17
        return Long.parseLong(fields[11]) + Long.parseLong(fields[12]) + Long.parseLong(fields[13])
                + Long.parseLong(fields[14]);
    }

    private static double mean(List<double[]> windows, int column) {
        return windows.stream().mapToDouble(w -> w[column]).average().orElse(0);
    }
}
