package dev.palo.workflows.translation.base;

import dev.palo.workflows.training.TrainingSettings;
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
    /** model/'s translator sized for the PALO-mini demo. */
    public static final String DEMO_PRESET = "demo";
    /** model/'s test-sized translator. */
    public static final String TINY_PRESET = "tiny";
    /** {@code epochs} that keeps the preset's. */
    public static final double PRESET_EPOCHS = 0;
    public static final int DEFAULT_CHECKPOINT_EVERY_STEPS = 100;

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
        return of(DEFAULT_MODEL_NAME, DEMO_PRESET);
    }

    /**
     * {@code preset} under {@code modelName}, with the preset's epochs, the platform's seed and a checkpoint every
     * {@value #DEFAULT_CHECKPOINT_EVERY_STEPS} steps.
     */
    public static BaseTranslatorConfig of(String modelName, String preset) {
        return new BaseTranslatorConfig(modelName, preset, PRESET_EPOCHS, TrainingSettings.DEFAULT_SEED,
                DEFAULT_CHECKPOINT_EVERY_STEPS);
    }

    public BaseTranslatorConfig withModelName(String name) {
        return new BaseTranslatorConfig(name, preset, epochs, seed, checkpointEverySteps);
    }

    public BaseTranslatorConfig withEpochs(double passes) {
        return new BaseTranslatorConfig(modelName, preset, passes, seed, checkpointEverySteps);
    }

    public BaseTranslatorConfig withSeed(long value) {
        return new BaseTranslatorConfig(modelName, preset, epochs, value, checkpointEverySteps);
    }

    public BaseTranslatorConfig withCheckpointEvery(int steps) {
        return new BaseTranslatorConfig(modelName, preset, epochs, seed, steps);
    }
}
