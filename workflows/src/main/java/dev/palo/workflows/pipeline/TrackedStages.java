package dev.palo.workflows.pipeline;

import dev.palo.workflows.ActivityPolicies;
import dev.palo.workflows.StageResult;
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

    /** {@code work} gets the stage's tracking run id; {@code label} is its language, arm or scope. */
    <T> T run(String trackingRunId, String stage, String label, Function<String, T> work,
              Function<T, StageResult> result) {
        board.start(stage, label);
        String stageRun = tracking.startStageRun(trackingRunId, stage, label);
        board.tracked(stage, label, stageRun);
        T done;
        try {
            done = work.apply(stageRun);
        } catch (ActivityFailure e) {
            board.fail(stage, label, e.getCause() != null ? e.getCause().getMessage() : e.getMessage());
            tracking.endRun(stageRun, false);
            throw e;
        }
        StageResult finished = result.apply(done);
        tracking.finishStageRun(stageRun, finished);
        board.complete(stage, label, finished);
        return done;
    }

    /** A stage with its own workflow and tracking (evaluation): shown on the board, not tracked here. */
    <T> T untracked(String stage, String label, Supplier<T> work) {
        board.start(stage, label);
        T done;
        try {
            done = work.get();
        } catch (RuntimeException e) {
            board.fail(stage, label, e.getCause() != null ? e.getCause().getMessage() : e.getMessage());
            throw e;
        }
        board.complete(stage, label);
        return done;
    }

    StageBoard board() {
        return board;
    }

    StageResult run(String trackingRunId, String stage, String label, Function<String, StageResult> work) {
        return run(trackingRunId, stage, label, work, Function.identity());
    }
}
