package dev.palo.workflows.translate;

import dev.palo.workflows.ArtifactRef;
import dev.palo.workflows.TargetLanguage;

/**
 * One language's translate stage.
 *
 * @param runId         pipeline run id (first part of every output key)
 * @param language      target language
 * @param source        English LLaVA JSON
 * @param config        endpoint and batching settings
 * @param trackingRunId MLflow run that receives per-chunk metrics
 */
public record TranslateRequest(String runId, TargetLanguage language, ArtifactRef source,
                               TranslateConfig config, String trackingRunId) {
}
