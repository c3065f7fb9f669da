package dev.palo.workflows.review;

import dev.palo.workflows.ArtifactRef;
import dev.palo.workflows.TargetLanguage;

/**
 * @param runId         pipeline run id
 * @param language      language under review
 * @param postEdited    the stage's input, recorded in the manifest
 * @param sample        the sample artifact
 * @param mode          who reviewed, recorded in the report and the metrics
 * @param quorumMet     false when the stage proceeded at its deadline without quorum
 * @param trackingRunId MLflow run of this stage
 */
public record CorrectedPairsRequest(String runId, TargetLanguage language, ArtifactRef postEdited,
                                    ArtifactRef sample, ReviewerMode mode, boolean quorumMet,
                                    String trackingRunId) {
}
