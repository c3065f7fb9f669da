package dev.palo.model.base;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import dev.palo.model.PaloConfig;
import dev.palo.model.checkpoint.ModelCheckpoint;
import dev.palo.model.multimodal.PaloModel;
import dev.palo.model.tokenizer.HuggingFaceTextTokenizer;
import dev.palo.model.train.TinyModels;
import dev.palo.model.vision.FeatureSelection;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BaseModelTrainingTest {
    static final LmRecipe LM = new LmRecipe(300, 1e-2, 8, 2, 64, 5, 5);
    static final VisionRecipe VISION = new VisionRecipe(16, 2, 3e-3, 6);
    static final long SEED = 11;

    @TempDir
    Path dir;

    static BaseModelInputs inputs() {
        return new BaseModelInputs(TinyBaseData.corpus(40, 1), TinyBaseData.pictures(40, 2), TinyBaseData.SLOTS,
                Map.of("en", List.of("the red square is at the top left."), "fr", List.of("le carré bleu est en haut")));
    }

    @Test
    void theBundleHoldsTheTrainedLmTheTrainedTowerAndAFreshProjector() throws Exception {
        Path work = dir.resolve("work");
        Path out = dir.resolve("out");
        BaseModelReport report = BaseModelTraining.train(TinyBaseData.ARCHITECTURE, SEED, LM, VISION, inputs(), work,
                out, BaseModelListener.NONE);

        assertEquals(Map.of("en", 1, "fr", 1), Map.of("en", report.heldOut().get("en").lines(),
                "fr", report.heldOut().get("fr").lines()));
        assertEquals(List.copyOf(TinyBaseData.SLOTS.names()), List.copyOf(report.visionAccuracy().keySet()));
        try (NDManager manager = NDManager.newBaseManager();
                HuggingFaceTextTokenizer tokenizer = HuggingFaceTextTokenizer.load(out.resolve(BaseModelTraining.TOKENIZER));
                PaloModel bundle = ModelCheckpoint.loadModel(manager, out);
                PaloModel lm = ModelCheckpoint.loadModel(manager, work.resolve(BaseModelTraining.LM_DIR));
                PaloModel tower = ModelCheckpoint.loadModel(manager, work.resolve(BaseModelTraining.VISION_DIR));
                PaloModel fresh = PaloModel.create(manager, bundle.config(), SEED)) {
            assertEquals(tokenizer.vocabSize(), bundle.config().textConfig().vocabSize());
            long[] ids = tokenizer.encode("the blue square is at the bottom right.", true);
            assertArrayEquals(textLogits(lm, ids), textLogits(bundle, ids), "the bundle's LM is the pretrained LM");
            assertArrayEquals(features(tower), features(bundle), "the bundle's tower is the trained tower");
            Map<String, float[]> bundleWeights = TinyModels.snapshot(bundle.namedParameters());
            TinyModels.snapshot(fresh.namedParameters()).forEach((name, values) -> {
                if (ModelCheckpoint.isProjectorTensor(name)) {
                    assertArrayEquals(values, bundleWeights.get(name), name + " must be the seed's initial value");
                }
            });
        }
    }

    @Test
    void aSecondRunOverTheSameWorkFolderSkipsTrainingAndWritesTheSameWeights() throws Exception {
        Path work = dir.resolve("work");
        BaseModelTraining.train(TinyBaseData.ARCHITECTURE, SEED, LM, VISION, inputs(), work, dir.resolve("first"),
                BaseModelListener.NONE);
        int[] stepsRun = new int[2];
        BaseModelTraining.train(TinyBaseData.ARCHITECTURE, SEED, LM, VISION, inputs(), work, dir.resolve("second"),
                new BaseModelListener() {
                    @Override
                    public void visionStep(VisionStep step) {
                        stepsRun[0]++;
                    }

                    @Override
                    public void lmStep(dev.palo.model.train.StepResult result) {
                        stepsRun[1]++;
                    }
                });
        assertArrayEquals(new int[] {0, 0}, stepsRun, "vision and LM steps run again");
        assertArrayEquals(Files.readAllBytes(dir.resolve("first").resolve(ModelCheckpoint.MODEL)),
                Files.readAllBytes(dir.resolve("second").resolve(ModelCheckpoint.MODEL)));
        assertTrue(Files.readString(dir.resolve("second").resolve(ModelCheckpoint.CONFIG)).contains("vision_config"));
    }

    private static float[] textLogits(PaloModel model, long[] ids) {
        try (NDManager step = NDManager.newBaseManager()) {
            NDArray input = step.create(ids, new Shape(1, ids.length));
            return model.forward(new ParameterStore(step, false), input, null, null, null, false).logits().toFloatArray();
        }
    }

    private static float[] features(PaloModel model) {
        PaloConfig config = model.config();
        try (NDManager step = NDManager.newBaseManager()) {
            NDArray images = step.create(TinyBaseData.pictures(2, 9).image(1),
                    new Shape(1, 3, config.visionConfig().imageSize(), config.visionConfig().imageSize()));
            return model.visionTower().features(new ParameterStore(step, false), images, config.mmVisionSelectLayer(),
                    FeatureSelection.PATCH, false).toFloatArray();
        }
    }
}
