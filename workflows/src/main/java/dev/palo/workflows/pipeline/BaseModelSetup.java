package dev.palo.workflows.pipeline;

import dev.palo.workflows.basemodel.BaseModelRequest;
import dev.palo.workflows.basemodel.BaseTrainingInputs;

/**
 * Where a run's frozen base models come from: trained by the platform (PALO-mini) or imported from safetensors in
 * the store (real models). Exactly one of {@code training} and {@code importPrefix} is given.
 *
 * @param modelName    registered model name, e.g. {@code palo-mini-base}
 * @param training     what to train them on
 * @param importPrefix object-store key prefix of real weights, config and tokenizer
 */
public record BaseModelSetup(String modelName, BaseTrainingInputs training, String importPrefix) {
    public BaseModelSetup {
        if ((training == null) == (importPrefix == null)) {
            throw new IllegalArgumentException("base models are either trained or imported: give exactly one of"
                    + " training inputs and an import prefix");
        }
    }

    BaseModelRequest request(String runId, String trackingRunId) {
        return new BaseModelRequest(runId, modelName, training, importPrefix, trackingRunId);
    }
}
