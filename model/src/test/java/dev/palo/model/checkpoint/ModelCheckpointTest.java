package dev.palo.model.checkpoint;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import dev.palo.model.Constants;
import dev.palo.model.PaloConfig;
import dev.palo.model.lora.LoraConfig;
import dev.palo.model.multimodal.PaloModel;
import dev.palo.model.train.TinyModels;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ModelCheckpointTest {
    static final LoraConfig LORA = new LoraConfig(4, 8, 0.05f);

    @TempDir
    Path dir;
    NDManager manager;

    @BeforeEach
    void open() {
        manager = NDManager.newBaseManager();
    }

    @AfterEach
    void close() {
        manager.close();
    }

    /** LoRA B starts at zero; random values make the adapters matter in the logits. */
    static void randomizeLoraB(PaloModel model, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        model.namedParameters().forEach((name, p) -> {
            if (name.contains(".lora_B.")) {
                float[] values = new float[(int) p.getArray().size()];
                for (int i = 0; i < values.length; i++) {
                    values[i] = (float) random.nextGaussian() * 0.1f;
                }
                p.getArray().set(values);
            }
        });
    }

    float[] logits(PaloModel model) {
        try (NDManager step = manager.newSubManager()) {
            long[] ids = {1, Constants.IMAGE_TOKEN_INDEX, 5, 9, 17, 2};
            return model.forward(new ParameterStore(step, false), step.create(ids, new Shape(1, ids.length)), null, null,
                    pixels(step), false).logits().toFloatArray();
        }
    }

    static NDArray pixels(NDManager step) {
        float[] values = new float[3 * 16 * 16];
        for (int i = 0; i < values.length; i++) {
            values[i] = (float) Math.sin(i * 0.37);
        }
        return step.create(values, new Shape(1, 3, 16, 16));
    }

    @Test
    void savedModelReloadsToIdenticalLogits() throws Exception {
        float[] expected;
        try (PaloModel model = PaloModel.create(manager, TinyModels.config().withLora(LORA), 3)) {
            randomizeLoraB(model, 4);
            expected = logits(model);
            ModelCheckpoint.saveModel(model, dir);
        }
        assertTrue(Files.readString(dir.resolve(ModelCheckpoint.CONFIG)).contains("\"lora_config\""));
        try (PaloModel reloaded = ModelCheckpoint.loadModel(manager, dir)) {
            assertEquals(TinyModels.config().withLora(LORA), reloaded.config());
            assertArrayEquals(expected, logits(reloaded));
        }
    }

    @Test
    void mismatchedTensorsAreClearErrors() {
        try (PaloModel model = PaloModel.create(manager, TinyModels.config(), 3)) {
            LinkedHashMap<String, NDArray> tensors = NamedTensors.arraysOf(model.namedParameters());
            NDArray head = tensors.remove("lm_head.weight");
            SafetensorsWriter.write(dir.resolve("missing.safetensors"), tensors, Map.of());
            tensors.put("lm_head.weight", head);
            tensors.put("model.extra.weight", head);
            SafetensorsWriter.write(dir.resolve("unexpected.safetensors"), tensors, Map.of());
            tensors.remove("model.extra.weight");
            tensors.put("lm_head.weight", head.get("0:3, :"));
            SafetensorsWriter.write(dir.resolve("misshaped.safetensors"), tensors, Map.of());

            Map<String, Parameter> params = model.namedParameters();
            String missing = loadError(params, "missing.safetensors");
            assertTrue(missing.contains("missing tensors [lm_head.weight]"), missing);
            String unexpected = loadError(params, "unexpected.safetensors");
            assertTrue(unexpected.contains("unexpected tensors [model.extra.weight]"), unexpected);
            String misshaped = loadError(params, "misshaped.safetensors");
            assertTrue(misshaped.contains("tensor lm_head.weight is float32 (3, 32) but the model expects float32 ("
                    + TinyModels.VOCAB + ", 32)"), misshaped);
        }
    }

    private String loadError(Map<String, Parameter> params, String file) {
        return assertThrows(IllegalArgumentException.class, () -> NamedTensors.copyIntoParameters(
                params, SafetensorsReader.read(dir.resolve(file), manager), file)).getMessage();
    }

    @Test
    void adaptersAloneRoundTripIntoAFreshBaseModel() {
        float[] expected;
        try (PaloModel tuned = PaloModel.create(manager, TinyModels.config().withLora(LORA), 3)) {
            randomizeLoraB(tuned, 5);
            expected = logits(tuned);
            ModelCheckpoint.saveAdapters(tuned, dir);
        }
        try (NDManager scratch = NDManager.newBaseManager()) {
            var saved = SafetensorsReader.read(dir.resolve(ModelCheckpoint.ADAPTER), scratch);
            assertFalse(saved.isEmpty());
            assertTrue(saved.keySet().stream().allMatch(n -> n.startsWith("base_model.model.model.layers.")
                    && (n.endsWith(".lora_A.weight") || n.endsWith(".lora_B.weight"))), saved.keySet().toString());
        }
        try (PaloModel base = PaloModel.create(manager, TinyModels.config(), 3)) {
            ModelCheckpoint.loadAdapters(base, dir);
            assertEquals(LORA, base.config().loraConfig());
            assertArrayEquals(expected, logits(base));
        }
    }

    @Test
    void projectorAloneRoundTrips() {
        Map<String, float[]> projector = new LinkedHashMap<>();
        try (PaloModel pretrained = PaloModel.create(manager, TinyModels.config(), 3)) {
            ModelCheckpoint.saveProjector(pretrained, dir);
            pretrained.namedParameters().forEach((name, p) -> {
                if (ModelCheckpoint.isProjectorTensor(name)) {
                    projector.put(name, p.getArray().toFloatArray());
                }
            });
        }
        assertTrue(projector.containsKey("model.mm_projector.0.weight"));
        assertTrue(projector.containsKey("model.mm_projector.2.weight"));
        try (PaloModel other = PaloModel.create(manager, TinyModels.config(), 99)) {
            ModelCheckpoint.loadProjector(other, dir);
            Map<String, Parameter> params = other.namedParameters();
            projector.forEach((name, values) -> assertArrayEquals(values, params.get(name).getArray().toFloatArray(), name));
        }
    }

    @Test
    void adaptersWithADifferentConfigAreRefused() {
        try (PaloModel tuned = PaloModel.create(manager, TinyModels.config().withLora(LORA), 3)) {
            ModelCheckpoint.saveAdapters(tuned, dir);
        }
        PaloConfig otherRank = TinyModels.config().withLora(new LoraConfig(8, 16, 0.05f));
        try (PaloModel model = PaloModel.create(manager, otherRank, 3)) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ModelCheckpoint.loadAdapters(model, dir));
            assertTrue(e.getMessage().contains("were saved with"), e.getMessage());
        }
    }
}
