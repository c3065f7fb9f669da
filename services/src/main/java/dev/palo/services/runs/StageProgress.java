package dev.palo.services.runs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.palo.workflows.StageResult;
import dev.palo.workflows.progress.StageState;
import dev.palo.workflows.progress.StageWork;
import java.time.Instant;
import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * One stage of a run or of one language: the workflow's own {@link StageState}, plus what only Temporal's view of
 * its pending activity and the stage's MLflow run know while it runs.
 *
 * @param stage         stage name ({@code translate}, {@code dataset-build}…)
 * @param label         its language, arm or scope
 * @param status        PENDING, RUNNING, COMPLETED, FAILED, or the workflow's end status when it ended mid-stage
 * @param startedAt     when it started (null while pending)
 * @param endedAt       when it ended
 * @param cacheHit      finished stages: outputs reused from an earlier run
 * @param metrics       finished stages: the stage's summary figures (records, quarantine counts per reason…)
 * @param chrf          chrF against gold of a translating stage, where gold exists
 * @param trackingRunId the stage's nested MLflow run
 * @param failure       why the stage failed
 * @param heartbeat     running stages: the last progress its activity reported (e.g. chunks committed)
 * @param attempt       running stages: the activity's attempt, above 1 after a retry
 * @param lastFailure   running stages: why the previous attempt failed
 * @param done          work done in {@code unit}s: the heartbeat's count, or a training stage's last logged step
 * @param total         work to do in {@code unit}s, where known (the workflow's plan, a training schedule's steps)
 * @param unit          what {@code done} and {@code total} count: chunks, records, steps
 * @param curves        training stages: loss and learning rate per step from the stage's MLflow run
 * @param waitingSince  running stages: since when its activity waits for a worker lane (null when a worker has it)
 */
public record StageProgress(String stage, String label, String status, Instant startedAt, Instant endedAt,
                            Boolean cacheHit, Map<String, Double> metrics, Double chrf, String trackingRunId,
                            String failure, String heartbeat, Integer attempt, String lastFailure, Long done,
                            Long total, String unit, TrainingCurves curves, Instant waitingSince) {
    private static final ObjectMapper JSON = new ObjectMapper();
    static final String STEPS = "steps";

    static StageProgress of(StageState state) {
        return new StageProgress(state.stage(), state.label(), state.status(), state.startedAt(), state.endedAt(),
                state.cacheHit(), state.metrics(), state.chrf(), state.trackingRunId(), state.failure(), null, null,
                null, state.done(), state.total(), state.unit(), null, null);
    }

    /** The stage with its label, as run-level stages are named: {@code dataset-build palo}. */
    public String title() {
        return label == null ? stage : stage + " " + label;
    }

    StageProgress withStatus(String newStatus) {
        return new StageProgress(stage, label, newStatus, startedAt, endedAt, cacheHit, metrics, chrf, trackingRunId,
                failure, heartbeat, attempt, lastFailure, done, total, unit, curves, waitingSince);
    }

    /** The pending activity's view: its heartbeat (a count, or a training step) is the work done. */
    StageProgress withActivity(String newHeartbeat, int newAttempt, String newLastFailure) {
        return new StageProgress(stage, label, status, startedAt, endedAt, cacheHit, metrics, chrf, trackingRunId,
                failure, newHeartbeat, newAttempt, newLastFailure, countOf(newHeartbeat, done), total, unit, curves,
                waitingSince);
    }

    /**
     * A run-level stage's pending activity: its {@link StageWork} heartbeat is the work done and to do, and its counts
     * join the stage's figures while it runs.
     */
    StageProgress withWork(StageWork work, int newAttempt, String newLastFailure) {
        Map<String, Double> figures = new TreeMap<>(metrics);
        work.counts().forEach((name, count) -> figures.put(name, count.doubleValue()));
        String details;
        try {
            details = JSON.writeValueAsString(work);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            details = null;
        }
        return new StageProgress(stage, label, status, startedAt, endedAt, cacheHit, Collections.unmodifiableMap(figures),
                chrf, trackingRunId, failure, details, newAttempt, newLastFailure, work.done(),
                work.total() != null ? work.total() : total, work.unit(), curves, waitingSince);
    }

    /** A training stage's curves; its steps done and to do come from them. */
    StageProgress withCurves(TrainingCurves newCurves) {
        boolean steps = newCurves.totalSteps() != null || unit == null;
        return new StageProgress(stage, label, status, startedAt, endedAt, cacheHit, metrics, chrf, trackingRunId,
                failure, heartbeat, attempt, lastFailure,
                steps && newCurves.lastStep() != null ? newCurves.lastStep() : done,
                steps && newCurves.totalSteps() != null ? newCurves.totalSteps() : total, steps ? STEPS : unit,
                newCurves, waitingSince);
    }

    /** The stage while its activity waits for a worker lane since {@code since} (null: a worker has it). */
    StageProgress waiting(Instant since) {
        return new StageProgress(stage, label, status, startedAt, endedAt, cacheHit, metrics, chrf, trackingRunId,
                failure, heartbeat, attempt, lastFailure, done, total, unit, curves, since);
    }

    /**
     * An ended stage's wait for a worker lane (its worker measured it), as the run page and {@code palo run} print it:
     * {@code queued 1 min 35 s}; blank under 1 s or where none was measured.
     */
    public String queued() {
        Double seconds = metrics == null ? null : metrics.get(StageResult.QUEUE_WAIT_SECONDS);
        return seconds == null || seconds < 1 ? "" : "queued " + Durations.of(Math.round(seconds));
    }

    /** A running stage whose activity no worker has taken yet. */
    public boolean waitingForLane() {
        return waitingSince != null && RunStatus.RUNNING.equals(status);
    }

    /** A heartbeat's count: a number, or a training progress's {@code step}; {@code otherwise} for anything else. */
    static Long countOf(String heartbeat, Long otherwise) {
        if (heartbeat == null) {
            return otherwise;
        }
        try {
            JsonNode node = JSON.readTree(heartbeat);
            // a StageWork's done, a training progress's step, or a plain count
            JsonNode count = !node.isObject() ? node : node.has("done") ? node.path("done") : node.path("step");
            return count.canConvertToLong() && count.isNumber() ? count.asLong() : otherwise;
        } catch (java.io.IOException e) {
            return otherwise;
        }
    }
}
