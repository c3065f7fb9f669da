package dev.palo.workflows.translation.tune;

import dev.palo.workflows.ArtifactRef;
import dev.palo.workflows.TargetLanguage;
import dev.palo.workflows.translation.translate.TranslatorRef;

/**
 * One language's translator fine-tune.
 *
 * @param runId         pipeline run id
 * @param language      the pairs' target language
 * @param pairs         the review stage's corrected pairs (LLaVA JSON with {@code english_conversations})
 * @param base          the translator to tune; its backend picks the tune backend
 * @param config        settings of both backends, hyper-parameters and heartbeat timeout
 * @param trackingRunId MLflow run of this stage
 * @param corrections   corrected pairs from outside the platform, tuned on beside {@code pairs}; null: none
 */
public record TuneRequest(String runId, TargetLanguage language, ArtifactRef pairs, TranslatorRef base,
                          TuneConfig config, String trackingRunId, ArtifactRef corrections) {
    /** The review's pairs alone. */
    public TuneRequest(String runId, TargetLanguage language, ArtifactRef pairs, TranslatorRef base,
                       TuneConfig config, String trackingRunId) {
        this(runId, language, pairs, base, config, trackingRunId, null);
    }
}
