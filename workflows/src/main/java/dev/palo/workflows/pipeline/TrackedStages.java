package dev.palo.workflows.pipeline;

import dev.palo.workflows.StageResult;
import dev.palo.workflows.events.RunEvents;
import dev.palo.workflows.progress.StageBoard;
import dev.palo.workflows.tracking.StageTracking;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Runs a pipeline-level stage inside its own nested tracking run, which ends failed when the stage fails, and keeps
 * its state on the pipeline's {@link StageBoard} for the progress query.
 */
final class TrackedStages {
    /** Pipeline-level stages ended their run only when an activity failed, before {@link StageTracking#CLOSE_FAILED}. */
    private final StageTracking tracking = new StageTracking(StageTracking.BeforeVersion.ON_ACTIVITY_FAILURE);
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
        StageTracking.Tracked<T> done = tracking.run(trackingRunId, stage, label, run -> {
            board.tracked(stage, label, run);
            return work.apply(run);
        }, result, failure -> {
            String reason = failure.getCause() != null ? failure.getCause().getMessage() : failure.getMessage();
            board.fail(stage, label, reason);
            emitFailed(stage, label, reason);
        });
        StageResult finished = result.apply(done.value());
        board.complete(stage, label, finished);
        if (events != null) {
            events.stageCompleted(runId, stage, label, done.trackingRunId(), finished, null, done.closed());
        }
        return done.value();
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

    /** Waits until every stage's tracking run is closed; throws when one could not be. */
    void drain() {
        tracking.drain();
    }

    /** {@link #drain()} while the pipeline fails with {@code failure}. */
    void drainAfter(RuntimeException failure) {
        tracking.drainAfter(failure);
    }

    StageBoard board() {
        return board;
    }

    StageResult run(String trackingRunId, String stage, String label, Function<String, StageResult> work) {
        return run(trackingRunId, stage, label, work, Function.identity());
    }
}
