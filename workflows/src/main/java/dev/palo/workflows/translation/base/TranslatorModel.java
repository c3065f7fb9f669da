package dev.palo.workflows.translation.base;

import dev.palo.workflows.StageResult;
import dev.palo.workflows.translation.translate.TranslatorRef;

/**
 * A trained local translator.
 *
 * @param translator        {@code TranslatorRef.local(modelName, bundle index)} — what translate stages take
 * @param stage             the stage result: output = the model bundle's index, manifest, cache hit, metrics
 * @param registeredVersion its version under {@code modelName} in MLflow's model registry
 */
public record TranslatorModel(TranslatorRef translator, StageResult stage, String registeredVersion) {
}
