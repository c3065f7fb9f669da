package dev.palo.workflows.pipeline;

import dev.palo.workflows.ActivityPolicies;
import dev.palo.workflows.StageResult;
import dev.palo.workflows.tracking.TrackingActivities;
import io.temporal.failure.ActivityFailure;
import io.temporal.workflow.Workflow;
import java.util.function.Function;

/** Runs a pipeline-level stage inside its own nested tracking run, which ends failed when the stage fails. */
final class TrackedStages {
    private final TrackingActivities tracking =
            Workflow.newActivityStub(TrackingActivities.class, ActivityPolicies.tracking());

    /** {@code work} gets the stage's tracking run id; {@code label} is its language, arm or scope. */
    <T> T run(String trackingRunId, String stage, String label, Function<String, T> work,
              Function<T, StageResult> result) {
        String stageRun = tracking.startStageRun(trackingRunId, stage, label);
        T done;
        try {
            done = work.apply(stageRun);
        } catch (ActivityFailure e) {
            tracking.endRun(stageRun, false);
            throw e;
        }
        tracking.finishStageRun(stageRun, result.apply(done));
        return done;
    }

    StageResult run(String trackingRunId, String stage, String label, Function<String, StageResult> work) {
        return run(trackingRunId, stage, label, work, Function.identity());
    }
}
