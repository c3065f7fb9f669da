package dev.palo.activities.support;

import dev.palo.activities.tracking.Tracker;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;

/** A tracker that remembers runs and metrics; {@link #failMetricsWhen} simulates an outage. */
public final class RecordingTracker implements Tracker {
    public record Metric(String runId, String key, double value, long step) {
    }

    public final Map<String, Map<String, String>> runTags = new ConcurrentHashMap<>();
    public final Map<String, String> parents = new ConcurrentHashMap<>();
    public final List<Metric> metrics = new CopyOnWriteArrayList<>();
    public final Map<String, byte[]> artifacts = new ConcurrentHashMap<>();
    public final Map<String, Boolean> ended = new ConcurrentHashMap<>();
    private volatile Predicate<Metric> failMetricsWhen = metric -> false;

    public void failMetricsWhen(Predicate<Metric> condition) {
        failMetricsWhen = condition;
    }

    @Override
    public synchronized String findOrCreateRun(String experiment, String runName, Map<String, String> identity,
                                               String parentRunId) {
        for (Map.Entry<String, Map<String, String>> run : runTags.entrySet()) {
            if (run.getValue().entrySet().containsAll(identity.entrySet())) {
                return run.getKey();
            }
        }
        String runId = "run-" + runTags.size();
        runTags.put(runId, new ConcurrentHashMap<>(identity));
        if (parentRunId != null) {
            parents.put(runId, parentRunId);
        }
        return runId;
    }

    @Override
    public void logParams(String runId, Map<String, String> params) {
        params.forEach((k, v) -> runTags.get(runId).put("param:" + k, v));
    }

    @Override
    public void logMetric(String runId, String key, double value, long step) throws IOException {
        Metric metric = new Metric(runId, key, value, step);
        if (failMetricsWhen.test(metric)) {
            throw new IOException("tracking server unavailable (simulated) at " + metric);
        }
        metrics.add(metric);
    }

    @Override
    public void setTag(String runId, String key, String value) {
        runTags.get(runId).put(key, value);
    }

    @Override
    public void uploadArtifact(String runId, String path, byte[] content, String contentType) {
        artifacts.put(runId + "/" + path, content.clone());
    }

    @Override
    public void endRun(String runId, boolean succeeded) {
        ended.put(runId, succeeded);
    }
}
