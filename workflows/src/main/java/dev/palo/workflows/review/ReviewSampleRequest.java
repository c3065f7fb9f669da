package dev.palo.workflows.review;

import dev.palo.workflows.ArtifactRef;
import dev.palo.workflows.TargetLanguage;

/**
 * @param runId         pipeline run id
 * @param language      language under review
 * @param postEdited    the post-edit stage's LLaVA JSON (with {@code english_conversations} and {@code corrupt})
 * @param config        sample size, strata, seed, deadline and reviewer mode
 * @param nowMillis     workflow time of this call; the first call fixes the deadline at now + config deadline
 * @param trackingRunId MLflow run of this stage
 */
public record ReviewSampleRequest(String runId, TargetLanguage language, ArtifactRef postEdited,
                                  ReviewConfig config, long nowMillis, String trackingRunId) {
}
