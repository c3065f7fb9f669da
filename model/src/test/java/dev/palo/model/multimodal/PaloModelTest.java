package dev.palo.model.multimodal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import dev.palo.model.Constants;
import dev.palo.model.PaloConfig;
import dev.palo.model.lora.LoraConfig;
import dev.palo.model.preset.TinyConfigs;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PaloModelTest {
    private static final PaloConfig CONFIG = TinyConfigs.multimodal("mlp2x_gelu");

    @Test
    void namesFollowLlavaAndAreStable() {
        try (NDManager manager = NDManager.newBaseManager();
                PaloModel first = PaloModel.create(manager, CONFIG, 1);
                PaloModel second = PaloModel.create(manager, CONFIG, 1)) {
            LinkedHashMap<String, Parameter> names = first.namedParameters();
            for (String expected : List.of("model.embed_tokens.weight", "model.layers.0.self_attn.q_proj.weight",
                    "model.layers.0.mlp.gate_proj.weight", "model.layers.0.input_layernorm.weight", "model.norm.weight",
                    "lm_head.weight", "model.mm_projector.0.weight", "model.mm_projector.2.bias",
                    "model.vision_tower.vision_tower.vision_model.embeddings.patch_embedding.weight",
                    "model.vision_tower.vision_tower.vision_model.embeddings.class_embedding",
                    "model.vision_tower.vision_tower.vision_model.pre_layrnorm.weight",
                    "model.vision_tower.vision_tower.vision_model.encoder.layers.1.self_attn.q_proj.weight",
                    "model.vision_tower.vision_tower.vision_model.encoder.layers.1.mlp.fc2.bias")) {
                assertTrue(names.containsKey(expected), expected + " missing from " + names.keySet());
            }
            assertFalse(names.keySet().stream().anyMatch(n -> n.contains("lora_")));
            assertEquals(List.copyOf(names.keySet()), List.copyOf(second.namedParameters().keySet()));
            assertEquals(names.size(), names.values().stream().distinct().count(), "one parameter per name");
        }
    }

    @Test
    void initialisationIsDeterministicFromTheSeed() {
        try (NDManager manager = NDManager.newBaseManager();
                PaloModel a = PaloModel.create(manager, CONFIG, 42);
                PaloModel b = PaloModel.create(manager, CONFIG, 42);
                PaloModel c = PaloModel.create(manager, CONFIG, 43)) {
            Map<String, Parameter> pa = a.namedParameters();
            Map<String, Parameter> pb = b.namedParameters();
            Map<String, Parameter> pc = c.namedParameters();
            for (String name : pa.keySet()) {
                assertArrayEquals(pa.get(name).getArray().toFloatArray(), pb.get(name).getArray().toFloatArray(), name);
            }
            String weight = "model.layers.0.self_attn.q_proj.weight";
            assertFalse(java.util.Arrays.equals(
                    pa.get(weight).getArray().toFloatArray(), pc.get(weight).getArray().toFloatArray()));
        }
    }

    /** A loss whose gradient reaches every trainable part: logits weighted by fixed random numbers. */
    private static Map<String, float[]> gradients(PaloModel model, NDManager manager, boolean collectGarbage) {
        Map<String, float[]> gradients = new LinkedHashMap<>();
        try (NDManager step = manager.newSubManager();
                GradientCollector collector = Engine.getInstance().newGradientCollector()) {
            collector.zeroGradients();
            ParameterStore ps = new ParameterStore(step, false);
            int size = TinyConfigs.VISION.imageSize();
            NDArray images = step.randomUniform(0, 1, new Shape(2, 3, size, size));
            NDArray ids = step.create(new long[][] {{Constants.IMAGE_TOKEN_INDEX, 5, 6}, {7, 8, 9}});
            ForwardResult result = model.forward(ps, ids, null, null, images, true);
            NDArray weights = step.randomNormal(result.logits().getShape());
            NDArray loss = result.logits().mul(weights).sum();
            if (collectGarbage) {
                List<byte[]> pressure = new ArrayList<>();
                for (int i = 0; i < 64; i++) {
                    pressure.add(new byte[1 << 20]);
                }
                pressure.clear();
                System.gc();
                System.runFinalization();
            }
            collector.backward(loss);
            model.namedParameters().forEach((name, p) -> {
                if (p.getArray().hasGradient()) {
                    gradients.put(name, p.getArray().getGradient().toFloatArray());
                }
            });
        }
        return gradients;
    }

    /** Every projector and the LoRA path, so each activation's scalar operands are covered. */
    @Test
    void gradientsSurviveAGarbageCollectionBetweenForwardAndBackward() {
        List<PaloConfig> configs = List.of(CONFIG.withLora(new LoraConfig(4, 8, 0f)),
                TinyConfigs.multimodal("ldp"), TinyConfigs.multimodal("ldpv2"));
        for (PaloConfig config : configs) {
            try (NDManager manager = NDManager.newBaseManager();
                    PaloModel model = PaloModel.create(manager, config, 5)) {
                Engine.getInstance().setRandomSeed(9);
                Map<String, float[]> plain = gradients(model, manager, false);
                Engine.getInstance().setRandomSeed(9);
                Map<String, float[]> afterGc = gradients(model, manager, true);
                assertEquals(model.namedParameters().keySet(), plain.keySet());
                for (String name : plain.keySet()) {
                    assertArrayEquals(plain.get(name), afterGc.get(name), config.mmProjectorType() + " " + name);
                    for (float g : plain.get(name)) {
                        assertTrue(Float.isFinite(g), name);
                    }
                }
            }
        }
    }

    @Test
    void frozenVisionGetsNoGradientAndAStepLeavesItUnchanged() {
        try (NDManager manager = NDManager.newBaseManager();
                PaloModel model = PaloModel.create(manager, CONFIG, 5)) {
            Map<String, Parameter> named = model.namedParameters();
            Map<String, float[]> before = new LinkedHashMap<>();
            named.forEach((name, p) -> {
                before.put(name, p.getArray().toFloatArray());
                if (name.startsWith("model.vision_tower.")) {
                    p.freeze(true);
                }
            });
            Map<String, float[]> gradients = gradients(model, manager, false);
            assertTrue(gradients.keySet().stream().noneMatch(n -> n.startsWith("model.vision_tower.")));
            assertTrue(gradients.containsKey("model.mm_projector.0.weight"));
            // a plain SGD step over whatever has a gradient
            try (NDManager scratch = manager.newSubManager()) {
                gradients.forEach((name, g) -> {
                    NDArray array = named.get(name).getArray();
                    array.subi(scratch.create(g, array.getShape()).mul(scratch.create(0.1f)));
                });
            }
            named.forEach((name, p) -> {
                boolean same = java.util.Arrays.equals(before.get(name), p.getArray().toFloatArray());
                if (name.startsWith("model.vision_tower.")) {
                    assertTrue(same, name + " changed although frozen");
                }
            });
            assertFalse(java.util.Arrays.equals(before.get("model.mm_projector.0.weight"),
                    named.get("model.mm_projector.0.weight").getArray().toFloatArray()));
        }
    }
}
