package dev.palo.services.runs;

import java.util.Map;

/**
 * One stage of one language.
 *
 * @param status      RUNNING, COMPLETED, or the language workflow's end status when it ended mid-stage
 * @param cacheHit    finished stages: outputs reused from an earlier run
 * @param metrics     finished stages: the stage's summary figures
 * @param heartbeat   running stages: the last progress its activity reported (e.g. chunks committed)
 * @param attempt     running stages: the activity's attempt, above 1 after a retry
 * @param lastFailure running stages: why the previous attempt failed
 */
public record StageProgress(String stage, String status, Boolean cacheHit, Map<String, Double> metrics,
                            String heartbeat, Integer attempt, String lastFailure) {
    static StageProgress running(String stage) {
        return new StageProgress(stage, RunStatus.RUNNING, null, null, null, null, null);
    }

    static StageProgress completed(String stage, boolean cacheHit, Map<String, Double> metrics) {
        return new StageProgress(stage, RunStatus.COMPLETED, cacheHit, metrics, null, null, null);
    }

    StageProgress withStatus(String newStatus) {
        return new StageProgress(stage, newStatus, cacheHit, metrics, heartbeat, attempt, lastFailure);
    }

    StageProgress withActivity(String newHeartbeat, int newAttempt, String newLastFailure) {
        return new StageProgress(stage, status, cacheHit, metrics, newHeartbeat, newAttempt, newLastFailure);
    }
}
