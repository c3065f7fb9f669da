package dev.palo.workflows.quality;

import dev.palo.workflows.ArtifactRef;
import dev.palo.workflows.TargetLanguage;

/**
 * @param language      the translation's language
 * @param translated    a translate or post-edit output (LLaVA JSON)
 * @param origin        the English data as submitted: PALO-mini's {@code manifest.json} in a folder above it
 *                      names the gold file of each language
 * @param trackingRunId the stage's MLflow run, which receives {@code chrf}
 */
public record ChrfRequest(TargetLanguage language, ArtifactRef translated, ArtifactRef origin,
                          String trackingRunId) {
}
