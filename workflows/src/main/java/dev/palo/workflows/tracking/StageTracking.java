package dev.palo.workflows.tracking;

import dev.palo.workflows.ActivityPolicies;
import dev.palo.workflows.StageResult;
import io.temporal.failure.ActivityFailure;
import io.temporal.workflow.Async;
import io.temporal.workflow.Promise;
import io.temporal.workflow.Workflow;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Runs one stage inside its own nested tracking run and always closes that run: finished with the stage's result
 * when its work returns, FAILED when the work throws, whatever threw (a failed activity or child, a failure raised by
 * workflow code, the workflow's cancellation: the end is sent from a detached scope, which a cancellation does not
 * stop). Every tracked stage of every workflow runs through it, so no MLflow run stays open after its stage. Workflow
 * code only: construct it in a workflow.
 *
 * <p>Since {@link #CLOSE_OFF_PATH} a succeeded stage's run is finished on a {@link TrackingLane}, off the run's critical
 * path: the next stage starts without waiting for the tracking server, and the workflow calls {@link #drain()} before
 * it ends or continues as new.
 */
public final class StageTracking {
    /** Since this version a stage's tracking run ends FAILED whatever failed the stage, from a detached scope. */
    public static final String CLOSE_FAILED = "close-failed-stage-run";
    private static final int CLOSE_FAILED_VERSION = 1;
    /**
     * Since this version a succeeded stage's run is finished without the workflow waiting for it; histories recorded
     * before finish it in sequence with the stages.
     */
    public static final String CLOSE_OFF_PATH = "finish-stage-run-off-path";
    private static final int CLOSE_OFF_PATH_VERSION = 1;

    /**
     * How a workflow closed a failed stage's run in histories recorded before {@link #CLOSE_FAILED}: their replay
     * must send the same commands, so each caller names what it did then.
     */
    public enum BeforeVersion {
        /** The run stayed open (language stages). */
        NEVER,
        /** Ended in the stage's scope when an activity failed, open otherwise (pipeline-level stages). */
        ON_ACTIVITY_FAILURE,
        /** Ended in the stage's scope on any failure (evaluation). */
        ALWAYS;

        boolean closes(RuntimeException failure) {
            return this == ALWAYS || this == ON_ACTIVITY_FAILURE && failure instanceof ActivityFailure;
        }
    }

    private final TrackingActivities tracking =
            Workflow.newActivityStub(TrackingActivities.class, ActivityPolicies.tracking());
    private final BeforeVersion beforeVersion;
    private final TrackingLane lane = new TrackingLane();

    public StageTracking(BeforeVersion beforeVersion) {
        this.beforeVersion = beforeVersion;
    }

    /**
     * What a stage's work returned, the id of the tracking run it ran in, and when that run is finished (already, in
     * histories from before {@link #CLOSE_OFF_PATH}): events that name the run wait for it.
     */
    public record Tracked<T>(T value, String trackingRunId, Promise<Void> closed) {
    }

    /** {@link #run(String, String, String, Function, Function, Consumer)} with nothing to do on failure. */
    public <T> Tracked<T> run(String parentTrackingRunId, String stage, String label, Function<String, T> work,
                              Function<T, StageResult> result) {
        return run(parentTrackingRunId, stage, label, work, result, failure -> { });
    }

    /**
     * Starts the stage's run under {@code parentTrackingRunId}, gives its id to {@code work}, then finishes the run
     * with {@code result} of what the work returned. When the work throws, {@code failed} runs first (the caller's
     * board and events), then the run ends FAILED and the failure is rethrown.
     */
    public <T> Tracked<T> run(String parentTrackingRunId, String stage, String label, Function<String, T> work,
                              Function<T, StageResult> result, Consumer<RuntimeException> failed) {
        String stageRun = tracking.startStageRun(parentTrackingRunId, stage, label);
        T done;
        try {
            done = work.apply(stageRun);
        } catch (RuntimeException e) {
            boolean always = Workflow.getVersion(CLOSE_FAILED, Workflow.DEFAULT_VERSION, CLOSE_FAILED_VERSION)
                    == CLOSE_FAILED_VERSION;
            if (always) {
                failed.accept(e);
                Workflow.newDetachedCancellationScope(() -> tracking.endRun(stageRun, false)).run();
            } else if (beforeVersion.closes(e)) {
                failed.accept(e);
                tracking.endRun(stageRun, false);
            }
            throw e;
        }
        StageResult finished = result.apply(done);
        if (Workflow.getVersion(CLOSE_OFF_PATH, Workflow.DEFAULT_VERSION, CLOSE_OFF_PATH_VERSION)
                == CLOSE_OFF_PATH_VERSION) {
            return new Tracked<>(done, stageRun, lane.then(() -> Async.procedure(tracking::finishStageRun, stageRun,
                    finished)));
        }
        tracking.finishStageRun(stageRun, finished);
        return new Tracked<>(done, stageRun, Workflow.newPromise(null));
    }

    /**
     * Waits until every stage run finished off the path is closed; throws the first close that failed for good (as a
     * stage's close in sequence failed its workflow before {@link #CLOSE_OFF_PATH}).
     */
    public void drain() {
        lane.drain();
    }

    /** {@link #drain()} on a workflow that is failing already: a close that failed too is logged, not thrown. */
    public void drainAfter(RuntimeException failure) {
        lane.drainAfter(failure);
    }

    /**
     * Runs a workflow's body and waits for the stage runs it finished off the path: {@link #drain()} after it returns,
     * {@link #drainAfter} before its failure is rethrown, so no stage run outlives the workflow either way.
     */
    public <T> T closingAll(Supplier<T> body) {
        T value;
        try {
            value = body.get();
        } catch (RuntimeException e) {
            drainAfter(e);
            throw e;
        }
        drain();
        return value;
    }
}
