package dev.palo.services.bench;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What open dashboards cost the platform: {@code N} open run pages watch a running run's live fragment, and the CPU
 * time the services app and the Temporal server spend (utime + stime from {@code /proc/<pid>/stat}) is compared
 * between windows with and without them, alternating, while the same run runs. How a page watches ({@code mode}):
 * {@code sse} (what the run page does: one server-sent-event stream per page, {@code /ui/runs/<id>/stream}),
 * {@code etag} (polling {@code /ui/runs/<id>/live} every {@code poll-seconds} with the last {@code ETag} as
 * {@code If-None-Match}), or {@code poll} (polling it without, as the page did before the stream). JDK only, so it
 * runs as a single source file; the token is {@code PALO_TOKEN}'s ({@code ./palo token --user bench --role viewer}):
 *
 * <pre>PALO_TOKEN=… java services/src/test/java/dev/palo/services/bench/DashboardPollingBenchmark.java \
 *     http://127.0.0.1:8080 RUN_ID APP_PID TEMPORAL_PID [pages 20] [window-seconds 30] [pairs 3] [poll-seconds 5] \
 *     [mode sse|etag|poll] [warm-up-seconds: window-seconds]</pre>
 *
 * The warm-up (pages open, not counted) lets the app's JIT compile the refresh path first; a warm-up of 15 min and
 * more measures the app as it runs for hours.
 *
 * Not a test: a figure for docs/dashboard.md. Run it where the app serves no worker (the worker in another process),
 * or the run's own training lands in the app's CPU time.
 */
public final class DashboardPollingBenchmark {
    private static final Duration POLL = Duration.ofSeconds(5);
    private static final long TICKS = 100;  // USER_HZ on Linux
    private static final String TOKEN = System.getenv("PALO_TOKEN");

    private DashboardPollingBenchmark() {
    }

    /** What one window counts: answers (fragments, 304s or events), failures, and the polls' time. */
    private record Counters(AtomicLong answers, AtomicLong failed, AtomicLong nanos, List<InputStream> open) {
        Counters() {
            this(new AtomicLong(), new AtomicLong(), new AtomicLong(), new CopyOnWriteArrayList<>());
        }
    }

    /** One open page: each tick of its schedule (a page's ticks never overlap) polls, or connects its stream once. */
    @FunctionalInterface
    private interface Page {
        void tick();
    }

    @FunctionalInterface
    private interface Pages {
        Page open(Counters counters);
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 4) {
            System.err.println("usage: API_URL RUN_ID APP_PID TEMPORAL_PID [pages] [window-seconds] [pairs]"
                    + " [poll-seconds] [sse|etag|poll] [warm-up-seconds]");
            System.exit(2);
        }
        String api = args[0];
        String run = args[1];
        long app = Long.parseLong(args[2]);
        long temporal = Long.parseLong(args[3]);
        int pages = args.length > 4 ? Integer.parseInt(args[4]) : 20;
        int window = args.length > 5 ? Integer.parseInt(args[5]) : 30;
        int pairs = args.length > 6 ? Integer.parseInt(args[6]) : 3;
        Duration poll = args.length > 7 ? Duration.ofSeconds(Integer.parseInt(args[7])) : POLL;
        String mode = args.length > 8 ? args[8] : "sse";
        int warmUp = args.length > 9 ? Integer.parseInt(args[9]) : window;
        // HTTP/1.1 as browsers poll the app (no h2c upgrade attempts on plain-text connections)
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5)).build();
        URI live = URI.create(api + "/ui/runs/" + run + ("sse".equals(mode) ? "/stream" : "/live"));
        Pages kind = switch (mode) {
            case "sse" -> counters -> new Streamer(http, live, counters)::tick;
            case "etag" -> counters -> new Poller(http, live, counters, true)::tick;
            case "poll" -> counters -> new Poller(http, live, counters, false)::tick;
            default -> throw new IllegalArgumentException("mode: sse, etag or poll, not " + mode);
        };

        System.out.printf(Locale.ROOT, "%d pages (%s) of %s%s; warm-up %d s, then windows of %d s, %d pairs%n", pages,
                mode, live, "sse".equals(mode) ? "" : " every " + poll.toSeconds() + " s", warmUp, window, pairs);
        System.out.println("window      app CPU %   temporal CPU %    answers   failed   mean latency ms   run after");
        // the app's JIT compiles the request path during the first requests: a window that is not counted
        measure("warm-up", pages, poll, kind, http, live, app, temporal, warmUp);
        List<double[]> quiet = new ArrayList<>();
        List<double[]> watched = new ArrayList<>();
        for (int pair = 0; pair < pairs; pair++) {
            quiet.add(measure("without", 0, poll, kind, http, live, app, temporal, window));
            watched.add(measure("with " + pages, pages, poll, kind, http, live, app, temporal, window));
        }
        double appCost = mean(watched, 0) - mean(quiet, 0);
        double temporalCost = mean(watched, 1) - mean(quiet, 1);
        System.out.printf(Locale.ROOT, "mean without: app %.2f %%, temporal %.2f %% of one core%n", mean(quiet, 0),
                mean(quiet, 1));
        System.out.printf(Locale.ROOT, "mean with:    app %.2f %%, temporal %.2f %% of one core%n", mean(watched, 0),
                mean(watched, 1));
        System.out.printf(Locale.ROOT, "cost of %d dashboards: app %+.2f %%, temporal %+.2f %%, together %+.2f %% of"
                + " one core (target <= 2 %%)%n", pages, appCost, temporalCost, appCost + temporalCost);
        System.exit(0);
    }

    /** One window: CPU % of one core for app and Temporal, answers, failures, mean latency of polls. */
    private static double[] measure(String name, int pages, Duration poll, Pages kind, HttpClient http, URI live,
                                    long app, long temporal, int seconds) throws Exception {
        Counters counters = new Counters();
        ScheduledExecutorService timer = Executors.newScheduledThreadPool(Math.max(1, pages));
        for (int i = 0; i < pages; i++) {
            // spread the pages over the interval, as twenty people opening the page at different times
            long offset = poll.toMillis() * i / Math.max(1, pages);
            Page page = kind.open(counters);
            timer.scheduleAtFixedRate(page::tick, offset, poll.toMillis(), TimeUnit.MILLISECONDS);
        }
        long appStart = cpuTicks(app);
        long temporalStart = cpuTicks(temporal);
        long start = System.nanoTime();
        Thread.sleep(seconds * 1000L);
        long appTicks = cpuTicks(app) - appStart;
        long temporalTicks = cpuTicks(temporal) - temporalStart;
        double wall = (System.nanoTime() - start) / 1e9;
        for (InputStream stream : counters.open()) {
            stream.close();  // the pages close: their streams end
        }
        timer.shutdownNow();
        timer.awaitTermination(10, TimeUnit.SECONDS);
        double appPercent = 100.0 * appTicks / TICKS / wall;
        double temporalPercent = 100.0 * temporalTicks / TICKS / wall;
        long answers = counters.answers().get();
        System.out.printf(Locale.ROOT, "%-10s %10.2f %16.2f %10d %8d %17.1f   %s at %s%n", name, appPercent,
                temporalPercent, answers, counters.failed().get(),
                answers == 0 ? 0 : counters.nanos().get() / 1e6 / answers, status(http, live),
                java.time.LocalTime.now().withNano(0));
        return new double[] {appPercent, temporalPercent};
    }

    private static HttpRequest.Builder authorized(URI uri) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10));
        return TOKEN == null ? request : request.header("Authorization", "Bearer " + TOKEN);
    }

    /** The run's status after a window, so a window measured after the run ended can be told apart. */
    private static String status(HttpClient http, URI live) throws InterruptedException {
        URI run = live.resolve(live.getPath().replace("/ui/runs/", "/api/runs/").replaceAll("/(live|stream)$", ""));
        String json;
        try {
            json = http.send(authorized(run).header("Accept", "application/json").build(),
                    HttpResponse.BodyHandlers.ofString()).body();
        } catch (IOException e) {
            return "? (" + e.getMessage() + ")";
        }
        java.util.regex.Matcher status = java.util.regex.Pattern.compile("\"status\":\"([A-Z_]+)\"").matcher(json);
        return status.find() ? status.group(1) : "?";
    }

    /** A page polling the live fragment, sending its last version as {@code If-None-Match} or not. */
    private static final class Poller {
        private final HttpClient http;
        private final URI live;
        private final Counters counters;
        private final boolean etag;
        private String version;

        Poller(HttpClient http, URI live, Counters counters, boolean etag) {
            this.http = http;
            this.live = live;
            this.counters = counters;
            this.etag = etag;
        }

        void tick() {
            HttpRequest.Builder request = authorized(live).header("HX-Request", "true");
            if (etag && version != null) {
                request.header("If-None-Match", version);
            }
            long start = System.nanoTime();
            try {
                HttpResponse<byte[]> answer = http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
                if (answer.statusCode() != 200 && answer.statusCode() != 304) {
                    counters.failed().incrementAndGet();
                }
                version = answer.headers().firstValue("ETag").orElse(version);
            } catch (IOException e) {
                counters.failed().incrementAndGet();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            counters.answers().incrementAndGet();
            counters.nanos().addAndGet(System.nanoTime() - start);
        }
    }

    /**
     * A page following the stream: its first tick connects and reads events until the window closes the stream. A
     * stream the app ended (the run ended: its last fragment sent) is not opened again, as the page's script does.
     */
    private record Streamer(HttpClient http, URI live, Counters counters, AtomicBoolean ended) {
        Streamer(HttpClient http, URI live, Counters counters) {
            this(http, live, counters, new AtomicBoolean());
        }

        void tick() {
            if (ended.get()) {
                return;
            }
            try {
                HttpResponse<InputStream> answer = http.send(authorized(live).timeout(Duration.ofDays(1))
                        .header("Accept", "text/event-stream").build(), HttpResponse.BodyHandlers.ofInputStream());
                if (answer.statusCode() != 200) {
                    counters.failed().incrementAndGet();
                    answer.body().close();
                    return;
                }
                counters.open().add(answer.body());
                try (var lines = new java.io.BufferedReader(new java.io.InputStreamReader(answer.body(),
                        StandardCharsets.UTF_8))) {
                    String line;
                    while ((line = lines.readLine()) != null) {
                        if (line.isEmpty()) {
                            counters.answers().incrementAndGet();  // a blank line ends an event
                        }
                    }
                }
                ended.set(true);  // the app closed it
            } catch (IOException e) {
                // the window closed the stream
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
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
