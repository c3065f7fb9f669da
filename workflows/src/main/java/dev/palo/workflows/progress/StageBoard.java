package dev.palo.workflows.progress;

import dev.palo.workflows.StageResult;
import io.temporal.workflow.Workflow;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.UnaryOperator;

/**
 * The stage states a workflow keeps for its {@code progress} query. Only workflow fields change, never commands,
 * so adding it leaves every recorded history replayable. Stages are keyed by name and label: a stage that runs
 * twice (translate, then re-translate) is planned twice under distinct names.
 */
public final class StageBoard {
    private final List<StageState> stages = new ArrayList<>();

    /** A stage the workflow will run later, shown as pending until it starts. */
    public void plan(String stage, String label) {
        if (find(stage, label) < 0) {
            stages.add(StageState.pending(stage, label));
        }
    }

    public void start(String stage, String label) {
        put(stage, label, new StageState(stage, label, StageState.RUNNING, now(), null, null, null, null, null, null,
                null, null));
    }

    /**
     * A stage starting with its work known: {@code total} {@code unit}s, which its heartbeat counts (the dashboard's
     * progress bar and ETA).
     */
    public void start(String stage, String label, long total, String unit) {
        start(stage, label);
        if (total > 0) {
            update(stage, label, s -> s.expecting(total, unit));
        }
    }

    /** The stage's nested tracking run, once the tracking call returned it. */
    public void tracked(String stage, String label, String trackingRunId) {
        update(stage, label, s -> new StageState(s.stage(), s.label(), s.status(), s.startedAt(), s.endedAt(),
                trackingRunId, s.cacheHit(), s.metrics(), s.chrf(), s.failure(), s.total(), s.unit()));
    }

    public void chrf(String stage, String label, double chrf) {
        update(stage, label, s -> new StageState(s.stage(), s.label(), s.status(), s.startedAt(), s.endedAt(),
                s.trackingRunId(), s.cacheHit(), s.metrics(), chrf, s.failure(), s.total(), s.unit()));
    }

    public void complete(String stage, String label, StageResult result) {
        update(stage, label, s -> new StageState(s.stage(), s.label(), StageState.COMPLETED, s.startedAt(), now(),
                s.trackingRunId(), result.cacheHit(), result.metrics(), s.chrf(), null, s.total(), s.unit()));
    }

    /** A stage whose result lives elsewhere (a child workflow's): completed, with no figures of its own. */
    public void complete(String stage, String label) {
        update(stage, label, s -> new StageState(s.stage(), s.label(), StageState.COMPLETED, s.startedAt(), now(),
                s.trackingRunId(), s.cacheHit(), s.metrics(), s.chrf(), null, s.total(), s.unit()));
    }

    /** A stage finished before this run of the workflow (carried over a continue-as-new): no times known. */
    public void completedEarlier(String stage, String label, StageResult result) {
        put(stage, label, new StageState(stage, label, StageState.COMPLETED, null, null, null, result.cacheHit(),
                result.metrics(), null, null, null, null));
    }

    public void fail(String stage, String label, String failure) {
        update(stage, label, s -> new StageState(s.stage(), s.label(), StageState.FAILED, s.startedAt(), now(),
                s.trackingRunId(), s.cacheHit(), s.metrics(), s.chrf(), failure, s.total(), s.unit()));
    }

    public List<StageState> snapshot() {
        return List.copyOf(stages);
    }

    private void put(String stage, String label, StageState state) {
        int at = find(stage, label);
        if (at < 0) {
            stages.add(state);
        } else {
            stages.set(at, state);
        }
    }

    private void update(String stage, String label, UnaryOperator<StageState> change) {
        int at = find(stage, label);
        if (at >= 0) {
            stages.set(at, change.apply(stages.get(at)));
        }
    }

    private int find(String stage, String label) {
        for (int i = 0; i < stages.size(); i++) {
            StageState s = stages.get(i);
            if (s.stage().equals(stage) && Objects.equals(s.label(), label)) {
                return i;
            }
        }
        return -1;
    }

    private static Instant now() {
        return Instant.ofEpochMilli(Workflow.currentTimeMillis());
    }
}
