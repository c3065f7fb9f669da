package dev.palo.workflows.review;

import dev.palo.workflows.ArtifactRef;
import dev.palo.workflows.StageResult;
import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityMethod;

/**
 * Human review of one language's post-edited translations: a stratified sample (QA-flagged
 * conversations first), every decision stored as a versioned artifact, and the corrected pairs
 * (English source + accepted or corrected translation) that the translator fine-tune reads.
 */
@ActivityInterface
public interface ReviewActivities {
    String STAGE = "review";

    /** Writes the sample artifact (ids and texts of every task) and returns it with the task ids. */
    @ActivityMethod
    ReviewSample sample(ReviewSampleRequest request);

    /** Stores one decision as version {@code request.version()} of its task; refuses turns that do not fit it. */
    @ActivityMethod
    ArtifactRef storeDecision(StoreDecisionRequest request);

    /** Builds the corrected pairs from the latest stored version of every decided task, manifest last. */
    @ActivityMethod
    StageResult buildCorrectedPairs(CorrectedPairsRequest request);
}
