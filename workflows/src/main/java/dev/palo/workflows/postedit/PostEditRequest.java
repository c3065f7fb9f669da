package dev.palo.workflows.postedit;

import dev.palo.workflows.ArtifactRef;
import dev.palo.workflows.TargetLanguage;

/**
 * One language's automatic post-edit and QA.
 *
 * @param runId         pipeline run id
 * @param language      the translation's language
 * @param translated    the translate stage's LLaVA JSON (with {@code english_conversations})
 * @param qa            QA thresholds
 * @param trackingRunId MLflow run of this stage
 */
public record PostEditRequest(String runId, TargetLanguage language, ArtifactRef translated, QaConfig qa,
                              String trackingRunId) {
}
