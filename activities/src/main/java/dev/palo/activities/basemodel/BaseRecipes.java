package dev.palo.activities.basemodel;

import dev.palo.model.base.LmRecipe;
import dev.palo.model.base.VisionRecipe;
import dev.palo.workflows.basemodel.BaseModelSettings;

/** The stage's settings as model/base's recipes. */
final class BaseRecipes {
    private BaseRecipes() {
    }

    static LmRecipe lm(BaseModelSettings settings) {
        return new LmRecipe(settings.vocabSize(), settings.lmLearningRate(), settings.lmBatchSize(), settings.lmEpochs(),
                settings.maxLength(), settings.checkpointEvery(), settings.seed());
    }

    static VisionRecipe vision(BaseModelSettings settings) {
        return new VisionRecipe(settings.visionBatchSize(), settings.visionEpochs(), settings.visionLearningRate(),
                settings.seed());
    }
}
