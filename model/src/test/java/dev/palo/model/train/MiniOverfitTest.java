package dev.palo.model.train;

import ai.djl.ndarray.NDManager;
import dev.palo.model.PaloConfig;
import dev.palo.model.multimodal.PaloModel;
import dev.palo.model.preset.Presets;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The {@code mini} preset memorises 8 image+text samples: mean loss below 0.1 within 120 full-finetune steps (about 18 here). */
class MiniOverfitTest {
    static final double THRESHOLD = 0.1;

    @Test
    void miniOverfitsEightSamples() {
        PaloConfig mini = Presets.get("mini").withVocabSize(TinyModels.VOCAB);
        int pixels = 3 * mini.visionConfig().imageSize() * mini.visionConfig().imageSize();
        TrainingDataset data = TinyModels.dataset(8, 8, pixels, 21);
        TrainingConfig config = TrainingConfig.finetuneFull().withLearningRate(3e-3).withBatch(8, 8).withEpochs(120);
        double last = Double.NaN;
        try (NDManager manager = NDManager.newBaseManager();
             PaloModel model = PaloModel.create(manager, mini, 1);
             Trainer trainer = new Trainer(model, config, data, TinyModels.PAD)) {
            while (!trainer.finished()) {
                StepResult result = trainer.step();
                assertFalse(result.skipped(), "step " + result.step());
                last = result.loss();
                if (last < THRESHOLD) {
                    break;
                }
            }
        }
        assertTrue(last < THRESHOLD, "final loss " + last);
    }
}
