package dev.palo.workflows.pipeline;

import dev.palo.workflows.ActivityPolicies;
import dev.palo.workflows.StageResult;
import dev.palo.workflows.events.RunEvents;
import dev.palo.workflows.progress.StageBoard;
import dev.palo.workflows.tracking.TrackingActivities;
import io.temporal.failure.ActivityFailure;
import io.temporal.workflow.Workflow;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Runs a pipeline-level stage inside its own nested tracking run, which ends failed when the stage fails, and keeps
 * its state on the pipeline's {@link StageBoard} for the progress query.
 */
final class TrackedStages {
    private final TrackingActivities tracking =
            Workflow.newActivityStub(TrackingActivities.class, ActivityPolicies.tracking());
    private final StageBoard board = new StageBoard();
    /** Where the stages' events go; null (nothing published) until the workflow knows its history has events. */
    private RunEvents events;
    private String runId;

    /** Publishes every stage's start and end from now on. */
    void publishTo(RunEvents runEvents, String pipelineRunId) {
        this.events = runEvents;
        this.runId = pipelineRunId;
    }

    /** {@code work} gets the stage's tracking run id; {@code label} is its language, arm or scope. */
    <T> T run(String trackingRunId, String stage, String label, Function<String, T> work,
              Function<T, StageResult> result) {
        board.start(stage, label);
        emitStarted(stage, label);
        String stageRun = tracking.startStageRun(trackingRunId, stage, label);
        board.tracked(stage, label, stageRun);
        T done;
        try {
            done = work.apply(stageRun);
        } catch (ActivityFailure e) {
            String reason = e.getCause() != null ? e.getCause().getMessage() : e.getMessage();
            board.fail(stage, label, reason);
            emitFailed(stage, label, reason);
            tracking.endRun(stageRun, false);
            throw e;
        }
        StageResult finished = result.apply(done);
        tracking.finishStageRun(stageRun, finished);
        board.complete(stage, label, finished);
        if (events != null) {
            events.stageCompleted(runId, stage, label, stageRun, finished, null);
        }
        return done;
    }

    /** A stage with its own workflow and tracking (evaluation): shown on the board, not tracked here. */
    <T> T untracked(String stage, String label, Supplier<T> work) {
        board.start(stage, label);
        emitStarted(stage, label);
        T done;
        try {
            done = work.get();
        } catch (RuntimeException e) {
            String reason = e.getCause() != null ? e.getCause().getMessage() : e.getMessage();
            board.fail(stage, label, reason);
            emitFailed(stage, label, reason);
            throw e;
        }
        board.complete(stage, label);
        if (events != null) {
            events.stageCompleted(runId, stage, label, null, null, null);
        }
        return done;
    }

    private void emitStarted(String stage, String label) {
        if (events != null) {
            events.stageStarted(runId, stage, label);
        }
    }

    private void emitFailed(String stage, String label, String reason) {
        if (events != null) {
            events.stageFailed(runId, stage, label, reason);
        }
    }

    StageBoard board() {
        return board;
    }

    StageResult run(String trackingRunId, String stage, String label, Function<String, StageResult> work) {
        return run(trackingRunId, stage, label, work, Function.identity());
    }
}
