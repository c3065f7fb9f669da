package dev.palo.services.runs;

import dev.palo.workflows.progress.StageState;
import java.time.Instant;
import java.util.Map;

/**
 * One stage of a run or of one language: the workflow's own {@link StageState}, plus what only Temporal's view of
 * its pending activity knows while it runs.
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
 */
public record StageProgress(String stage, String label, String status, Instant startedAt, Instant endedAt,
                            Boolean cacheHit, Map<String, Double> metrics, Double chrf, String trackingRunId,
                            String failure, String heartbeat, Integer attempt, String lastFailure) {
    static StageProgress of(StageState state) {
        return new StageProgress(state.stage(), state.label(), state.status(), state.startedAt(), state.endedAt(),
                state.cacheHit(), state.metrics(), state.chrf(), state.trackingRunId(), state.failure(), null, null,
                null);
    }

    /** The stage with its label, as run-level stages are named: {@code dataset-build palo}. */
    public String title() {
        return label == null ? stage : stage + " " + label;
    }

    StageProgress withStatus(String newStatus) {
        return new StageProgress(stage, label, newStatus, startedAt, endedAt, cacheHit, metrics, chrf, trackingRunId,
                failure, heartbeat, attempt, lastFailure);
    }

    StageProgress withActivity(String newHeartbeat, int newAttempt, String newLastFailure) {
        return new StageProgress(stage, label, status, startedAt, endedAt, cacheHit, metrics, chrf, trackingRunId,
                failure, newHeartbeat, newAttempt, newLastFailure);
    }
}
