package dev.palo.benchmarks.bench;

import dev.palo.activities.tracking.MlflowTracker;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Logs a report to MLflow (experiment {@code palo-bench}, one run per {@code ./palo bench}) through the platform's
 * own tracker: each figure's ours, anchor and ratio as metrics keyed {@code ROW.N.*}, whether it met its target as a
 * tag, and the JSON report as an artifact.
 */
public final class BenchMlflow {
    static final String EXPERIMENT = "palo-bench";

    private BenchMlflow() {
    }

    /** True when an MLflow server answers its health check: the Java client would retry a dead one for minutes. */
    public static boolean reachable(String trackingUri) {
        try {
            HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create(trackingUri.replaceFirst("/+$", "") + "/health")).timeout(Duration.ofSeconds(3)).build(),
                    HttpResponse.BodyHandlers.ofString());
            return response.statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** The MLflow run's id. */
    public static String log(MlflowTracker tracker, BenchReport report, byte[] json) throws IOException {
        String runName = "bench-" + report.started();
        String run = tracker.findOrCreateRun(EXPERIMENT, runName, Map.of("palo.bench.started",
                report.started().toString()), null);
        tracker.logParams(run, Map.of("quick", Boolean.toString(report.quick()), "repeats",
                Integer.toString(report.repeats()), "processors", Integer.toString(report.processors()),
                "command", report.command()));
        Map<String, Double> metrics = new LinkedHashMap<>();
        Map<String, String> tags = new LinkedHashMap<>();
        int number = 0;
        for (BenchResult result : report.results()) {
            String key = result.row() + "." + ++number;
            BenchFigure figure = result.figure();
            tags.put(key + ".figure", figure.figure());
            tags.put(key + ".load", result.loadBefore() + " -> " + result.loadAfter());
            if (figure.ratio() == null) {
                tags.put(key + ".met", "not measured");
                continue;
            }
            metrics.put(key + ".ours", figure.ours().value());
            metrics.put(key + ".anchor", figure.anchor().value());
            metrics.put(key + ".ratio", figure.ratio());
            tags.put(key + ".met", figure.met() == null ? "no target" : figure.met() ? "yes" : "no");
        }
        tracker.logBatch(run, metrics, tags);
        tracker.uploadArtifact(run, "bench.json", json, "application/json");
        tracker.endRun(run, true);
        return run;
    }
}
