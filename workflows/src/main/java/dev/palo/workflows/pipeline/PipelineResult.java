package dev.palo.workflows.pipeline;

import dev.palo.workflows.language.LanguageResult;
import java.util.List;

/**
 * @param trackingRunId the pipeline's MLflow run
 * @param languages     one result per target language, in the spec's order
 */
public record PipelineResult(String trackingRunId, List<LanguageResult> languages) {
}
