package dev.palo.workflows;

import com.google.common.collect.ImmutableSortedMap;
import java.util.Map;

/**
 * What a finished stage hands to the next one and to tracking.
 *
 * @param stage    stage name, e.g. {@code translate}
 * @param language language code the stage worked on
 * @param output   the stage's data artifact
 * @param manifest the manifest written last, proving the output complete
 * @param cacheHit true when the outputs were reused from an earlier run with the same cache key
 * @param metrics  summary figures to log (counts per reason, totals)
 */
public record StageResult(String stage, String language, ArtifactRef output, ArtifactRef manifest,
                          boolean cacheHit, Map<String, Double> metrics) {
    /** The metric the worker adds: how long the stage's activity waited for a worker lane, in seconds. */
    public static final String QUEUE_WAIT_SECONDS = "queue.wait.seconds";

    public StageResult {
        // sorted: stored as JSON, so the same content is the same bytes in every JVM (Map.copyOf's order is salted)
        metrics = ImmutableSortedMap.copyOf(metrics);
    }
}
