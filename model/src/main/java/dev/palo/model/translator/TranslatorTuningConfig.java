package dev.palo.model.translator;

import static dev.palo.model.nn.ConfigChecks.positive;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.palo.model.lora.LoraConfig;
import dev.palo.model.train.TrainingConfig;

/**
 * LoRA fine-tuning of a trained translator on corrected pairs (the paper's translator fine-tune). The adapters are
 * merged into the weights when tuning ends, so a tuned translator is saved, loaded and run like the base one.
 * The platform's recipe (r 16, alpha 32, dropout 0.05, lr 2e-3, 8 epochs, batch 16, sized for ~100–200 reviewed
 * pairs) is stated once, in the workflows' {@code LocalTune}; this library knows only the warm-up it uses.
 */
public record TranslatorTuningConfig(
        @JsonProperty("lora") LoraConfig lora,
        @JsonProperty("learning_rate") double learningRate,
        @JsonProperty("epochs") double epochs,
        @JsonProperty("batch_size") int batchSize,
        @JsonProperty("warmup_ratio") double warmupRatio,
        @JsonProperty("seed") long seed) {

    public TranslatorTuningConfig {
        if (lora == null) {
            throw new IllegalArgumentException("translator tuning needs a LoRA config");
        }
        positive("batch_size", batchSize);
        if (!(learningRate > 0) || !(epochs > 0)) {
            throw new IllegalArgumentException("tuning learning_rate and epochs must be positive, got "
                    + learningRate + " and " + epochs);
        }
    }

    /** The share of steps the learning rate warms up over. */
    public static final double WARMUP_RATIO = 0.03;

    public TranslatorTuningConfig withTraining(double lr, double passes, int batch) {
        return new TranslatorTuningConfig(lora, lr, passes, batch, warmupRatio, seed);
    }

    TrainingConfig training(int maxSequence) {
        TrainingConfig recipe = TrainingConfig.finetuneLora();
        return new TrainingConfig(recipe.stage(), learningRate, batchSize, batchSize, epochs, warmupRatio,
                recipe.maxGradNorm(), maxSequence, recipe.adamBeta1(), recipe.adamBeta2(), recipe.adamEpsilon(), lora, seed);
    }
}
