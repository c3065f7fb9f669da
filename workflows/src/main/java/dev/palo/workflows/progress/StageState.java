package dev.palo.workflows.progress;

import com.google.common.collect.ImmutableSortedMap;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;

/**
 * One stage as its workflow sees it, answered by the workflows' {@code progress} queries: what the dashboard and
 * {@code palo run} show, without reading histories.
 *
 * @param stage         stage name, e.g. {@code translate}, {@code dataset-build}
 * @param label         its language, arm or scope ({@code ar}, {@code palo}, {@code all})
 * @param status        {@link #PENDING}, {@link #RUNNING}, {@link #COMPLETED} or {@link #FAILED}
 * @param startedAt     workflow time the stage started; null while pending, and for stages finished before a
 *                      continue-as-new
 * @param endedAt       workflow time it completed or failed
 * @param trackingRunId the stage's nested MLflow run, once started
 * @param cacheHit      finished stages: outputs reused from an earlier run
 * @param metrics       finished stages: the stage's summary figures (records, quarantine counts per reason…)
 * @param chrf          chrF against gold of a translating stage, where gold exists
 * @param failure       why it failed
 * @param total         the work the stage has to do, in {@code unit}s, where the workflow knows it before the stage
 *                      runs (chunks to translate, records to post-edit); null where it does not
 * @param unit          what the stage's heartbeat counts ({@code chunks}, {@code records}); null with no total
 * @param done          the work done so far where the workflow itself counts it (a review's decided tasks); null
 *                      where an activity's heartbeat does, or nothing does
 */
public record StageState(String stage, String label, String status, Instant startedAt, Instant endedAt,
                         String trackingRunId, Boolean cacheHit, Map<String, Double> metrics, Double chrf,
                         String failure, Long total, String unit, Long done) {
    public static final String PENDING = "PENDING";
    public static final String RUNNING = "RUNNING";
    public static final String COMPLETED = "COMPLETED";
    public static final String FAILED = "FAILED";

    public StageState {
        // sorted: stored as JSON, so the same content is the same bytes in every JVM (Map.copyOf's order is salted)
        metrics = metrics == null ? ImmutableSortedMap.of() : ImmutableSortedMap.copyOf(metrics);
    }

    /** A stage whose work done, if any, its activity's heartbeat reports. */
    public StageState(String stage, String label, String status, Instant startedAt, Instant endedAt,
                      String trackingRunId, Boolean cacheHit, Map<String, Double> metrics, Double chrf,
                      String failure, Long total, String unit) {
        this(stage, label, status, startedAt, endedAt, trackingRunId, cacheHit, metrics, chrf, failure, total, unit,
                null);
    }

    /**
     * This running state with the work the workflow counts itself: {@code done} of {@code total} {@code unit}s, and
     * {@code figures} beside its metrics.
     */
    public StageState working(long newDone, long newTotal, String newUnit, Map<String, Double> figures) {
        Map<String, Double> joined = new TreeMap<>(metrics);
        joined.putAll(figures);
        return new StageState(stage, label, status, startedAt, endedAt, trackingRunId, cacheHit, joined, chrf,
                failure, newTotal, newUnit, newDone);
    }

    static StageState pending(String stage, String label) {
        return new StageState(stage, label, PENDING, null, null, null, null, Map.of(), null, null, null, null);
    }

    /** This state with the stage's expected work. */
    StageState expecting(Long newTotal, String newUnit) {
        return new StageState(stage, label, status, startedAt, endedAt, trackingRunId, cacheHit, metrics, chrf,
                failure, newTotal, newUnit, done);
    }
}
