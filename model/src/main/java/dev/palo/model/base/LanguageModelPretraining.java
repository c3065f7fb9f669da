package dev.palo.model.base;

import ai.djl.ndarray.NDManager;
import dev.palo.model.PaloConfig;
import dev.palo.model.lm.LmConfig;
import dev.palo.model.multimodal.PaloModel;
import dev.palo.model.train.Trainer;
import dev.palo.model.train.TrainingDataset;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Next-token pretraining of a text-only LM with the platform's {@link Trainer}: deterministic from the seeds, and
 * resumable from the last saved state with the exact weights an undisturbed run reaches.
 */
public final class LanguageModelPretraining {
    private LanguageModelPretraining() {
    }

    /**
     * Trains from scratch, or continues from {@code stateDir} when it holds a saved state, and saves the state
     * there every {@code checkpointEvery} steps and at the end. Returns the trained text-only model (close it).
     */
    public static PaloModel train(NDManager manager, LmConfig lm, long initSeed, LmRecipe recipe,
            TrainingDataset data, long padId, Path stateDir, BaseModelListener listener) {
        PaloModel model = PaloModel.create(manager, PaloConfig.textOnly(lm), initSeed);
        try (Trainer trainer = Files.isRegularFile(stateDir.resolve(Trainer.STATE_FILE))
                ? Trainer.resume(model, recipe.trainingConfig(), data, padId, stateDir)
                : new Trainer(model, recipe.trainingConfig(), data, padId)) {
            while (!trainer.finished()) {
                listener.lmStep(trainer.step());
                int done = trainer.state().step();
                if (done % recipe.checkpointEvery() == 0 || trainer.finished()) {
                    trainer.saveState(stateDir);
                    listener.lmCheckpointed(stateDir, trainer.state());
                }
            }
            return model;
        } catch (RuntimeException e) {
            model.close();
            throw e;
        }
    }
}
