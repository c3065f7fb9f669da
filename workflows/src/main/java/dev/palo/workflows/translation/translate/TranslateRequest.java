package dev.palo.workflows.translation.translate;

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
 * @param translator    which translator translates; null means the config's endpoint and model
 */
public record TranslateRequest(String runId, TargetLanguage language, ArtifactRef source,
                               TranslateConfig config, String trackingRunId, TranslatorRef translator) {
    /** Through the config's endpoint and model (the request before translators could be chosen). */
    public TranslateRequest(String runId, TargetLanguage language, ArtifactRef source, TranslateConfig config,
                            String trackingRunId) {
        this(runId, language, source, config, trackingRunId, null);
    }

    /** The translator to use: the one named, else the config's chat model. */
    public TranslatorRef translatorOrDefault() {
        if (translator == null && !config.hasEndpoint()) {
            throw new IllegalArgumentException("translate request for " + language.code() + " names no translator and"
                    + " its settings no chat endpoint");
        }
        return translator != null ? translator : TranslatorRef.openai(config.model());
    }
}
