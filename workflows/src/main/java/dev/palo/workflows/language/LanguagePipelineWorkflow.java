package dev.palo.workflows.language;

import dev.palo.workflows.progress.LanguageProgressState;
import dev.palo.workflows.review.ReviewDecision;
import dev.palo.workflows.review.ReviewReceipt;
import dev.palo.workflows.review.ReviewStatus;
import io.temporal.workflow.QueryMethod;
import io.temporal.workflow.UpdateMethod;
import io.temporal.workflow.UpdateValidatorMethod;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;

/**
 * One language's stages, in order, each consuming the previous stage's output. Its workflow id is
 * {@link #workflowId(String, String)}; the review API addresses it by that id.
 */
@WorkflowInterface
public interface LanguagePipelineWorkflow {
    String SUBMIT_REVIEW = "submitReview";

    /** The id of language {@code code}'s workflow within pipeline run {@code runId}. */
    static String workflowId(String runId, String code) {
        return runId + "-" + code;
    }

    @WorkflowMethod
    LanguageResult run(LanguageJob job);

    /** Records a review decision as its task's next version; acknowledged once stored. */
    @UpdateMethod(name = SUBMIT_REVIEW)
    ReviewReceipt submitReview(ReviewDecision decision);

    /** Refuses unknown tasks, another language, CORRECT without text and decisions after the review closed. */
    @UpdateValidatorMethod(updateName = SUBMIT_REVIEW)
    void validateReview(ReviewDecision decision);

    @QueryMethod
    ReviewStatus reviewStatus();

    /** Every stage of the language with its state, times, counts, cache hit and chrF. */
    @QueryMethod
    LanguageProgressState progress();
}
