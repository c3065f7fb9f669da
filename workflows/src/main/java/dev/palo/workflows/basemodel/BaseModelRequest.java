package dev.palo.workflows.basemodel;

/**
 * Exactly one of {@code training} and {@code importPrefix} is given.
 *
 * @param runId         pipeline run id (first part of every output key)
 * @param modelName     registered model name, e.g. {@code palo-mini-base}
 * @param training      what to train the base models on (PALO-mini), or null when importing
 * @param importPrefix  object-store key prefix holding {@code config.json}, {@code model.safetensors} and
 *                      {@code tokenizer.json} of real weights, or null when training
 * @param trackingRunId MLflow run of this stage (per-step metrics, held-out losses, the bundle's info)
 */
public record BaseModelRequest(String runId, String modelName, BaseTrainingInputs training, String importPrefix,
                               String trackingRunId) {
    public BaseModelRequest {
        if ((training == null) == (importPrefix == null)) {
            throw new IllegalArgumentException("a base-model request needs exactly one of training inputs and an import"
                    + " prefix, got " + (training == null ? "neither" : "both"));
        }
        if (modelName == null || modelName.isBlank()) {
            throw new IllegalArgumentException("a base-model request needs a registered model name");
        }
    }
}
