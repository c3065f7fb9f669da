package dev.palo.model.lora;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import dev.palo.model.Constants;
import dev.palo.model.PaloConfig;
import dev.palo.model.multimodal.PaloModel;
import dev.palo.model.preset.TinyConfigs;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class LoraTest {
    private static final PaloConfig CONFIG = TinyConfigs.multimodal("ldp");
    private static final LoraConfig LORA = new LoraConfig(4, 8, 0.05f);

    private static float[] logits(PaloModel model, NDManager manager) {
        try (NDManager step = manager.newSubManager()) {
            int size = TinyConfigs.VISION.imageSize();
            float[] pixels = new float[3 * size * size];
            SplittableRandom random = new SplittableRandom(2);
            for (int i = 0; i < pixels.length; i++) {
                pixels[i] = (float) random.nextDouble();
            }
            NDArray images = step.create(pixels, new Shape(1, 3, size, size));
            NDArray ids = step.create(new long[][] {{3, Constants.IMAGE_TOKEN_INDEX, 5, 6, 7}});
            return model.forward(new ParameterStore(step, false), ids, null, null, images, false).logits().toFloatArray();
        }
    }

    @Test
    void freshAdaptersLeaveOutputsBitIdentical() {
        try (NDManager manager = NDManager.newBaseManager();
                PaloModel plain = PaloModel.create(manager, CONFIG, 11);
                PaloModel adapted = PaloModel.create(manager, CONFIG.withLora(LORA), 11)) {
            assertArrayEquals(logits(plain, manager), logits(adapted, manager));
        }
    }

    @Test
    void adaptersCoverEveryLmLinearButLmHead() {
        try (NDManager manager = NDManager.newBaseManager();
                PaloModel model = PaloModel.create(manager, CONFIG, 11)) {
            model.enableLora(LORA);
            assertEquals(LORA, model.config().loraConfig());
            Map<String, Parameter> named = model.namedParameters();
            int layers = TinyConfigs.LM.numHiddenLayers();
            long adapters = named.keySet().stream().filter(n -> n.endsWith(".lora_A.weight")).count();
            assertEquals(layers * LoraConfig.TARGET_MODULES.size(), adapters);
            for (int layer = 0; layer < layers; layer++) {
                for (String module : LoraConfig.TARGET_MODULES) {
                    String group = module.matches("[qkvo]_proj") ? "self_attn" : "mlp";
                    String prefix = "model.layers." + layer + "." + group + "." + module + ".";
                    Shape base = named.get(prefix + "weight").getArray().getShape();
                    assertEquals(new Shape(LORA.r(), base.get(1)), named.get(prefix + "lora_A.weight").getArray().getShape());
                    assertEquals(new Shape(base.get(0), LORA.r()), named.get(prefix + "lora_B.weight").getArray().getShape());
                }
            }
            assertTrue(named.keySet().stream().filter(n -> n.contains("lora_")).allMatch(n -> n.startsWith("model.layers.")));
            assertThrows(IllegalStateException.class, () -> model.enableLora(LORA));
        }
    }

    @Test
    void mergedEqualsUnmergedAndUnmergeRestoresWeights() {
        try (NDManager manager = NDManager.newBaseManager();
                PaloModel model = PaloModel.create(manager, CONFIG.withLora(LORA), 11)) {
            SplittableRandom random = new SplittableRandom(5);
            Map<String, float[]> baseWeights = new LinkedHashMap<>();
            model.lora().adapters().values().forEach(adapter -> {
                NDArray b = adapter.loraB().getArray();
                float[] values = new float[(int) b.size()];
                for (int i = 0; i < values.length; i++) {
                    values[i] = (float) (random.nextDouble() - 0.5);
                }
                b.set(values);
            });
            model.namedParameters().forEach((name, p) -> baseWeights.put(name, p.getArray().toFloatArray()));
            float[] unmerged = logits(model, manager);
            try (PaloModel plain = PaloModel.create(manager, CONFIG, 11)) {
                assertFalse(java.util.Arrays.equals(unmerged, logits(plain, manager)), "random B must change the output");
            }

            model.mergeLora();
            assertTrue(model.lora().isMerged());
            assertArrayEquals(unmerged, logits(model, manager), 1e-5f);
            assertFalse(java.util.Arrays.equals(baseWeights.get("model.layers.0.self_attn.q_proj.weight"),
                    model.namedParameters().get("model.layers.0.self_attn.q_proj.weight").getArray().toFloatArray()));

            model.unmergeLora();
            model.namedParameters().forEach((name, p) ->
                    assertArrayEquals(baseWeights.get(name), p.getArray().toFloatArray(), 1e-6f, name));
            assertArrayEquals(unmerged, logits(model, manager), 1e-5f);
            assertThrows(IllegalStateException.class, model::unmergeLora);
        }
    }

    @Test
    void mergeWithoutLoraIsAnError() {
        try (NDManager manager = NDManager.newBaseManager();
                PaloModel model = PaloModel.create(manager, CONFIG, 11)) {
            IllegalStateException e = assertThrows(IllegalStateException.class, model::mergeLora);
            assertTrue(e.getMessage().contains("LoRA is not enabled"), e.getMessage());
        }
    }

    @Test
    void badConfigIsNamed() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new LoraConfig(0, 16, 0f));
        assertTrue(e.getMessage().contains("r must be positive"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new LoraConfig(4, 16, 1f));
    }
}
