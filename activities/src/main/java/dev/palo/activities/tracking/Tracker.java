package dev.palo.activities.tracking;

import java.io.IOException;
import java.util.Map;

/** Experiment tracking backend. Callers pass figures and ids only, never secrets. */
public interface Tracker {
    /**
     * The run in {@code experiment} whose tags include every entry of {@code identity}, created
     * (with those tags, the name and the parent link) when none exists. Retries thus reuse runs.
     */
    String findOrCreateRun(String experiment, String runName, Map<String, String> identity, String parentRunId)
            throws IOException;

    void logParams(String runId, Map<String, String> params) throws IOException;

    void logMetric(String runId, String key, double value, long step) throws IOException;

    void setTag(String runId, String key, String value) throws IOException;

    /**
     * Metrics (at step 0) and tags at once; a backend that can sends them in one call, since a stage's
     * end waits for it.
     */
    default void logBatch(String runId, Map<String, Double> metrics, Map<String, String> tags) throws IOException {
        for (Map.Entry<String, Double> metric : metrics.entrySet()) {
            logMetric(runId, metric.getKey(), metric.getValue(), 0);
        }
        for (Map.Entry<String, String> tag : tags.entrySet()) {
            setTag(runId, tag.getKey(), tag.getValue());
        }
    }

    /** Stores a file in the run's artifacts at {@code path} (e.g. {@code reports/result.json}). */
    void uploadArtifact(String runId, String path, byte[] content, String contentType) throws IOException;

    void endRun(String runId, boolean succeeded) throws IOException;
}
