package dev.palo.workflows.language;

import dev.palo.workflows.ActivityPolicies;
import dev.palo.workflows.StageResult;
import dev.palo.workflows.review.ReviewDecision;
import dev.palo.workflows.review.ReviewReceipt;
import dev.palo.workflows.review.ReviewStatus;
import dev.palo.workflows.tracking.TrackingActivities;
import io.temporal.workflow.Workflow;
import java.util.List;

/**
 * Runs the stages not yet in {@link LanguageJob#completed()}, each inside its own nested
 * tracking run. Between stages it continues as new when the server suggests it, carrying the
 * finished stages, so long stage lists never outgrow one history.
 */
public class LanguagePipelineWorkflowImpl implements LanguagePipelineWorkflow {
    private final TrackingActivities tracking =
            Workflow.newActivityStub(TrackingActivities.class, ActivityPolicies.tracking());
    private final ReviewStage review = new ReviewStage();
    private final List<LanguageStage> stages = List.of(new TranslateStage(), new PostEditStage(), review);

    @Override
    public LanguageResult run(LanguageJob job) {
        LanguageJob progress = job;
        for (int next = progress.completed().size(); next < stages.size(); next++) {
            if (next > job.completed().size() && Workflow.getInfo().isContinueAsNewSuggested()) {
                Workflow.continueAsNew(progress);
            }
            LanguageStage stage = stages.get(next);
            String stageRun = tracking.startStageRun(progress.trackingRunId(), stage.name(),
                    progress.language().code());
            StageResult result = stage.run(progress, progress.latestArtifact(), stageRun);
            tracking.finishStageRun(stageRun, result);
            progress = progress.withCompleted(result);
        }
        return new LanguageResult(progress.language().code(), progress.completed());
    }

    @Override
    public ReviewReceipt submitReview(ReviewDecision decision) {
        return review.submit(decision);
    }

    @Override
    public void validateReview(ReviewDecision decision) {
        review.validate(decision);
    }

    @Override
    public ReviewStatus reviewStatus() {
        return review.status();
    }
}
