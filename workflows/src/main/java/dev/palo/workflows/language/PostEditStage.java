package dev.palo.workflows.language;

import dev.palo.workflows.ActivityPolicies;
import dev.palo.workflows.ArtifactRef;
import dev.palo.workflows.StageResult;
import dev.palo.workflows.TaskQueues;
import dev.palo.workflows.postedit.PostEditActivities;
import dev.palo.workflows.postedit.PostEditRequest;
import io.temporal.workflow.Workflow;

/** Rule-based edits and language identification: CPU work. */
final class PostEditStage implements LanguageStage {
    private final PostEditActivities activities = Workflow.newActivityStub(
            PostEditActivities.class, ActivityPolicies.longStage(TaskQueues.CPU));

    @Override
    public String name() {
        return PostEditActivities.STAGE;
    }

    @Override
    public StageResult run(LanguageJob job, ArtifactRef input, String stageTrackingRunId) {
        return activities.postEdit(new PostEditRequest(job.runId(), job.language(), input, job.qa(),
                stageTrackingRunId));
    }
}
