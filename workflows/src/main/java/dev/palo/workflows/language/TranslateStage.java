package dev.palo.workflows.language;

import dev.palo.workflows.ActivityPolicies;
import dev.palo.workflows.ArtifactRef;
import dev.palo.workflows.StageResult;
import dev.palo.workflows.TaskQueues;
import dev.palo.workflows.translate.TranslateActivities;
import dev.palo.workflows.translate.TranslateRequest;
import io.temporal.workflow.Workflow;

/**
 * Calls a remote chat endpoint: I/O-bound, so it runs on the CPU pool. The stub is made per job
 * because the heartbeat timeout comes from the job's translate settings.
 */
final class TranslateStage implements LanguageStage {
    @Override
    public String name() {
        return TranslateActivities.STAGE;
    }

    @Override
    public StageResult run(LanguageJob job, ArtifactRef input, String stageTrackingRunId) {
        TranslateActivities activities = Workflow.newActivityStub(TranslateActivities.class,
                ActivityPolicies.longStage(TaskQueues.CPU, job.translate().heartbeatTimeout()));
        return activities.translate(new TranslateRequest(
                job.runId(), job.language(), input, job.translate(), stageTrackingRunId));
    }
}
