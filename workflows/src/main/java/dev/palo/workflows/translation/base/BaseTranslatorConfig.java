package dev.palo.workflows.translation.base;

import java.util.Objects;

/**
 * What decides the base translator's weights besides its seed files; part of the stage's cache key.
 *
 * @param modelName            registered model name in MLflow (and the {@code TranslatorRef} model name)
 * @param preset               model size and training recipe: {@code demo} (PALO-mini demo) or {@code tiny} (tests)
 * @param epochs               passes over the seed pairs; 0 keeps the preset's
 * @param seed                 initialisation and data-order seed
 * @param checkpointEverySteps steps between training-state checkpoints in the object store
 */
public record BaseTranslatorConfig(String modelName, String preset, double epochs, long seed, int checkpointEverySteps) {
    public static final String DEFAULT_MODEL_NAME = "palo-mini-translator";

    public BaseTranslatorConfig {
        Objects.requireNonNull(modelName, "translator modelName");
        Objects.requireNonNull(preset, "translator preset");
        if (modelName.isBlank()) {
            throw new IllegalArgumentException("translator modelName must not be blank");
        }
        if (!(epochs >= 0)) {
            throw new IllegalArgumentException("translator epochs must be >= 0 (0 = the preset's), got " + epochs);
        }
        if (checkpointEverySteps <= 0) {
            throw new IllegalArgumentException("checkpointEverySteps must be > 0, got " + checkpointEverySteps);
        }
    }

    /** The PALO-mini demo translator: preset {@code demo}, its epochs, seed 42, a checkpoint every 100 steps. */
    public static BaseTranslatorConfig defaults() {
        return new BaseTranslatorConfig(DEFAULT_MODEL_NAME, "demo", 0, 42, 100);
    }
}
