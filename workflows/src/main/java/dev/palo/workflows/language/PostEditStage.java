package dev.palo.workflows.language;

import dev.palo.workflows.ActivityPolicies;
import dev.palo.workflows.TaskQueues;
import dev.palo.workflows.postedit.PostEditActivities;
import dev.palo.workflows.postedit.PostEditRequest;
import io.temporal.workflow.Workflow;

/** Rule-based edits and language identification of the last translation: CPU work. */
final class PostEditStage implements LanguageStage {
    static final String AFTER_RETRANSLATE = "retranslate-post-edit";

    private final PostEditActivities activities = Workflow.newActivityStub(
            PostEditActivities.class, ActivityPolicies.longStage(TaskQueues.CPU));
    private final String name;

    private PostEditStage(String name) {
        this.name = name;
    }

    static PostEditStage first() {
        return new PostEditStage(PostEditActivities.STAGE);
    }

    /** QA again, on the re-translation: its own tracking run beside the first post-edit's. */
    static PostEditStage again() {
        return new PostEditStage(AFTER_RETRANSLATE);
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public LanguageJob run(LanguageJob job, String stageTrackingRunId) {
        return job.withCompleted(activities.postEdit(new PostEditRequest(job.runId(), job.language(),
                job.latestArtifact(), job.qa(), stageTrackingRunId)));
    }

    /** The activity heartbeats the records it checked. */
    @Override
    public long total(LanguageJob job) {
        return job.latestArtifact().recordCount();
    }

    @Override
    public String unit() {
        return "records";
    }

    @Override
    public boolean producesTranslation() {
        return true;
    }
}
