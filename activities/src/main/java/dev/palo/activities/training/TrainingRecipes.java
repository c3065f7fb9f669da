package dev.palo.activities.training;

import dev.palo.model.lora.LoraConfig;
import dev.palo.model.train.TrainingConfig;
import dev.palo.workflows.training.TrainingSettings;

/** A released recipe (model/train's TrainingConfig factories) scaled by a stage's settings. */
public final class TrainingRecipes {
    private TrainingRecipes() {
    }

    /**
     * The recipe's stage policy, warmup, schedule, clipping and Adam constants, with the settings'
     * batch, epochs, max length and seed; its learning rate unless the settings name one; {@code lora}
     * in place of the recipe's adapters (null keeps them).
     */
    public static TrainingConfig scaled(TrainingConfig recipe, TrainingSettings settings, LoraConfig lora) {
        return new TrainingConfig(recipe.stage(),
                settings.learningRate() == null ? recipe.learningRate() : settings.learningRate(),
                settings.globalBatchSize(), settings.microBatchSize(), settings.epochs(), recipe.warmupRatio(),
                recipe.maxGradNorm(), settings.modelMaxLength(), recipe.adamBeta1(), recipe.adamBeta2(),
                recipe.adamEpsilon(), lora == null ? recipe.lora() : lora, settings.seed());
    }
}
