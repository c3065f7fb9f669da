package dev.palo.model.train;

import ai.djl.ndarray.NDManager;
import dev.palo.model.Constants;
import dev.palo.model.PaloConfig;
import dev.palo.model.checkpoint.ModelCheckpoint;
import dev.palo.model.lora.LoraConfig;
import dev.palo.model.multimodal.PaloModel;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TrainerTest {
    static final PaloConfig CONFIG = TinyModels.config();
    static final int PIXELS = 3 * 16 * 16;

    NDManager manager;

    @BeforeEach
    void open() {
        manager = NDManager.newBaseManager();
    }

    @AfterEach
    void close() {
        manager.close();
    }

    static TrainingConfig config(String stage) {
        TrainingConfig base = switch (stage) {
            case "pretrain" -> TrainingConfig.pretrain();
            case "finetune-lora" -> TrainingConfig.finetuneLora().withLora(new LoraConfig(4, 8, 0.1f));
            default -> TrainingConfig.finetuneFull();
        };
        return base.withLearningRate(1e-2).withBatch(4, 2).withWarmupRatio(0.25).withEpochs(2);
    }

    @Test
    void microBatchesOnTwoThreadsAddUpToTheWholeBatch() {
        // equal lengths and no dropout: two half-batches' mean losses / 2 equal the whole batch's mean loss
        SplittableRandom random = new SplittableRandom(11);
        List<TrainingSample> samples = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            long[] ids = new long[8];
            long[] labels = new long[8];
            ids[0] = 1;
            ids[1] = Constants.IMAGE_TOKEN_INDEX;
            labels[0] = labels[1] = labels[2] = Constants.IGNORE_INDEX;
            for (int t = 2; t < 8; t++) {
                ids[t] = 3 + random.nextInt(CONFIG.textConfig().vocabSize() - 3);
                labels[t] = t == 2 ? Constants.IGNORE_INDEX : ids[t];
            }
            float[] image = new float[PIXELS];
            for (int p = 0; p < PIXELS; p++) {
                image[p] = (float) random.nextGaussian();
            }
            samples.add(new TrainingSample(ids, labels, image));
        }
        TrainingConfig whole = TrainingConfig.finetuneLora().withLora(new LoraConfig(4, 8, 0f)).withLearningRate(1e-2)
                .withBatch(4, 4).withWarmupRatio(0.25).withEpochs(2);
        Map<String, float[]> oneMicroBatch = trainedWith(whole, TinyModels.listDataset(samples));
        Map<String, float[]> twoThreads = trainedWith(whole.withBatch(4, 2), TinyModels.listDataset(samples));
        oneMicroBatch.forEach((name, values) -> assertArrayEquals(values, twoThreads.get(name), 1e-4f, name));
    }

    private Map<String, float[]> trainedWith(TrainingConfig config, TrainingDataset data) {
        try (PaloModel model = PaloModel.create(manager, CONFIG, 7);
             Trainer trainer = new Trainer(model, config, data, TinyModels.PAD)) {
            while (!trainer.finished()) {
                assertFalse(trainer.step().skipped());
            }
            return TinyModels.snapshot(model.namedParameters());
        }
    }

    @Test
    void pretrainMovesOnlyTheProjector() {
        try (PaloModel model = PaloModel.create(manager, CONFIG, 7);
             Trainer trainer = new Trainer(model, config("pretrain"), TinyModels.dataset(8, 6, PIXELS, 1), TinyModels.PAD)) {
            Map<String, float[]> before = TinyModels.snapshot(model.namedParameters());
            for (int i = 0; i < 3; i++) {
                assertFalse(trainer.step().skipped());
            }
            Map<String, float[]> after = TinyModels.snapshot(model.namedParameters());
            before.forEach((name, values) -> {
                boolean changed = !Arrays.equals(values, after.get(name));
                assertEquals(ModelCheckpoint.isProjectorTensor(name), changed, name + (changed ? " changed" : " did not change"));
            });
        }
    }

    @Test
    void loraFinetuneKeepsBaseWeightsAndVisionBitIdentical() {
        try (PaloModel model = PaloModel.create(manager, CONFIG, 7);
             Trainer trainer = new Trainer(model, config("finetune-lora"), TinyModels.dataset(8, 6, PIXELS, 2), TinyModels.PAD)) {
            Map<String, float[]> before = TinyModels.snapshot(model.namedParameters());
            assertEquals(List.of("lora", "projector"), trainer.groups().stream().map(ParameterGroup::name).toList());
            assertEquals(0.1, trainer.groups().get(1).lrScale());
            for (int i = 0; i < 2; i++) {
                trainer.step();
            }
            Map<String, float[]> after = TinyModels.snapshot(model.namedParameters());
            before.forEach((name, values) -> {
                boolean trainable = ModelCheckpoint.isLoraTensor(name) || ModelCheckpoint.isProjectorTensor(name);
                if (!trainable) {
                    assertArrayEquals(values, after.get(name), name + " must stay bit-identical");
                }
                assertEquals(trainable, model.namedParameters().get(name).getArray().hasGradient(), name);
            });
            assertTrue(before.keySet().stream().filter(n -> n.contains(".lora_B."))
                    .anyMatch(n -> !Arrays.equals(before.get(n), after.get(n))), "LoRA B moved away from zero");
        }
    }

    @Test
    void nonFiniteGradientSkipsTheUpdateAndCountsIt() {
        List<TrainingSample> samples = new ArrayList<>();
        TrainingDataset clean = TinyModels.dataset(4, 6, PIXELS, 3);
        for (int i = 0; i < 4; i++) {
            samples.add(clean.get(i));
        }
        float[] poisoned = samples.get(0).image().clone();
        poisoned[5] = Float.NaN;
        // one global batch holds every sample, so the first step is certain to see the NaN pixel
        samples.set(0, new TrainingSample(samples.get(0).inputIds(), samples.get(0).labels(), poisoned));
        TrainingConfig config = config("pretrain").withBatch(4, 2).withEpochs(2);
        try (PaloModel model = PaloModel.create(manager, CONFIG, 7);
             Trainer trainer = new Trainer(model, config, TinyModels.listDataset(samples), TinyModels.PAD)) {
            Map<String, float[]> before = TinyModels.snapshot(model.namedParameters());
            StepResult result = trainer.step();
            assertTrue(result.skipped());
            assertTrue(Double.isNaN(result.gradNorm()));
            assertEquals(1, trainer.skippedSteps());
            assertEquals(1, trainer.state().skippedSteps());
            assertEquals(0, trainer.state().optimizerUpdates());
            Map<String, float[]> after = TinyModels.snapshot(model.namedParameters());
            before.forEach((name, values) -> assertArrayEquals(values, after.get(name), name));
        }
    }

    @Test
    void gradientsAreClearedAfterASkippedStep() {
        float[] nanImage = new float[PIXELS];
        Arrays.fill(nanImage, Float.NaN);
        TrainingDataset clean = TinyModels.dataset(4, 6, PIXELS, 4);
        List<TrainingSample> poisoned = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            TrainingSample s = clean.get(i);
            poisoned.add(new TrainingSample(s.inputIds(), s.labels(), s.image() == null ? null : nanImage));
        }
        TrainingConfig config = config("pretrain").withBatch(4, 4).withEpochs(1);
        try (PaloModel model = PaloModel.create(manager, CONFIG, 7)) {
            try (Trainer bad = new Trainer(model, config, TinyModels.listDataset(poisoned), TinyModels.PAD)) {
                assertTrue(bad.step().skipped());
            }
            try (Trainer good = new Trainer(model, config, clean, TinyModels.PAD)) {
                StepResult result = good.step();
                assertFalse(result.skipped(), "NaN from the skipped step must not leak into the next one");
                assertTrue(Double.isFinite(result.gradNorm()));
            }
        }
    }

    @Test
    void resumedRunEqualsUnbrokenRun(@TempDir Path dir) {
        TrainingConfig config = config("finetune-lora");
        TrainingDataset data = TinyModels.dataset(8, 6, PIXELS, 5);
        int total = config.totalSteps(data.size());
        assertEquals(4, total);
        Map<String, float[]> unbroken;
        try (PaloModel model = PaloModel.create(manager, CONFIG, 11);
             Trainer trainer = new Trainer(model, config, data, TinyModels.PAD)) {
            while (!trainer.finished()) {
                trainer.step();
            }
            unbroken = TinyModels.snapshot(model.namedParameters());
        }
        try (PaloModel model = PaloModel.create(manager, CONFIG, 11);
             Trainer trainer = new Trainer(model, config, data, TinyModels.PAD)) {
            trainer.step();
            trainer.step();
            trainer.saveState(dir);
        }
        try (PaloModel fresh = ModelCheckpoint.loadModel(manager, dir);
             Trainer resumed = Trainer.resume(fresh, config, data, TinyModels.PAD, dir)) {
            assertEquals(2, resumed.state().step());
            while (!resumed.finished()) {
                resumed.step();
            }
            Map<String, float[]> after = TinyModels.snapshot(fresh.namedParameters());
            assertEquals(unbroken.keySet(), after.keySet());
            unbroken.forEach((name, values) -> assertArrayEquals(values, after.get(name), name + " differs after resume"));
        }
    }
}
