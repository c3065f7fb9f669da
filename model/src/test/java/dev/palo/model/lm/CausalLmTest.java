package dev.palo.model.lm;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import dev.palo.model.nn.ParameterFactory;
import dev.palo.model.preset.TinyConfigs;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class CausalLmTest {
    private static final LmConfig CONFIG = TinyConfigs.LM;

    private static CausalLm lm(NDManager manager, LmConfig config) {
        return new CausalLm(new ParameterFactory(manager, new SplittableRandom(7)), config);
    }

    private static float[] logitsAt(NDArray logits, int sample, int from, int to) {
        return logits.get(new NDIndex("{}, {}:{}, :", sample, from, to)).toFloatArray();
    }

    @Test
    void shapesAndNames() {
        try (NDManager manager = NDManager.newBaseManager()) {
            CausalLm lm = lm(manager, CONFIG);
            NDArray ids = manager.create(new long[] {1, 2, 3, 4, 5, 6}, new Shape(2, 3));
            NDArray logits = lm.forward(new ParameterStore(manager, false), ids, null, false);
            assertEquals(new Shape(2, 3, CONFIG.vocabSize()), logits.getShape());
            var names = lm.namedParameters();
            assertEquals(new Shape(CONFIG.numKeyValueHeads() * CONFIG.headDim(), CONFIG.hiddenSize()),
                    names.get("model.layers.1.self_attn.k_proj.weight").getArray().getShape());
            assertTrue(names.containsKey("model.layers.0.input_layernorm.weight"));
            assertTrue(names.containsKey("model.layers.0.post_attention_layernorm.weight"));
            assertTrue(names.containsKey("model.layers.1.mlp.down_proj.weight"));
            assertTrue(names.containsKey("model.norm.weight"));
            assertTrue(names.containsKey("lm_head.weight"));
        }
    }

    @Test
    void tiedHeadHasNoSeparateWeightAndUsesTheEmbedding() {
        LmConfig tied = new LmConfig(40, 32, 64, 1, 4, 4, 64, 10000.0, 1e-5f, true);
        try (NDManager manager = NDManager.newBaseManager()) {
            CausalLm lm = lm(manager, tied);
            assertFalse(lm.namedParameters().containsKey("lm_head.weight"));
            NDArray logits = lm.forward(new ParameterStore(manager, false), manager.create(new long[][] {{3, 4}}), null, false);
            assertEquals(new Shape(1, 2, 40), logits.getShape());
        }
    }

    @Test
    void changingAFutureTokenNeverChangesEarlierLogits() {
        try (NDManager manager = NDManager.newBaseManager()) {
            CausalLm lm = lm(manager, CONFIG);
            ParameterStore ps = new ParameterStore(manager, false);
            long[] tokens = {5, 9, 13, 2, 7, 30, 11, 4};
            NDArray base = lm.forward(ps, manager.create(new long[][] {tokens}), null, false);
            for (int changed = 1; changed < tokens.length; changed++) {
                long[] edited = tokens.clone();
                edited[changed] = (edited[changed] + 17) % CONFIG.vocabSize();
                NDArray logits = lm.forward(ps, manager.create(new long[][] {edited}), null, false);
                assertArrayEquals(logitsAt(base, 0, 0, changed), logitsAt(logits, 0, 0, changed),
                        "position " + changed + " leaked backwards");
                assertFalse(Arrays.equals(logitsAt(base, 0, changed, changed + 1), logitsAt(logits, 0, changed, changed + 1)));
            }
        }
    }

    @Test
    void paddingOnEitherSideGivesTheUnpaddedLogits() {
        try (NDManager manager = NDManager.newBaseManager()) {
            CausalLm lm = lm(manager, CONFIG);
            ParameterStore ps = new ParameterStore(manager, false);
            long[] tokens = {5, 9, 13, 2};
            float[] alone = lm.forward(ps, manager.create(new long[][] {tokens}), null, false).toFloatArray();
            NDArray ids = manager.create(new long[][] {{5, 9, 13, 2, 0, 0}, {0, 0, 5, 9, 13, 2}});
            NDArray mask = manager.create(new long[][] {{1, 1, 1, 1, 0, 0}, {0, 0, 1, 1, 1, 1}});
            NDArray logits = lm.forward(ps, ids, mask, false);
            assertArrayEquals(alone, logitsAt(logits, 0, 0, 4), 1e-5f, "right padding");
            assertArrayEquals(alone, logitsAt(logits, 1, 2, 6), 1e-5f, "left padding");
        }
    }

    @Test
    void incrementalDecodingWithTheCacheEqualsAFullForward() {
        try (NDManager manager = NDManager.newBaseManager()) {
            CausalLm lm = lm(manager, CONFIG);
            ParameterStore ps = new ParameterStore(manager, false);
            long[][] tokens = {{0, 0, 3, 8, 21, 5, 17, 9}, {4, 12, 6, 1, 33, 2, 25, 14}};
            long[][] mask = {{0, 0, 1, 1, 1, 1, 1, 1}, {1, 1, 1, 1, 1, 1, 1, 1}};
            NDArray full = lm.forward(ps, manager.create(tokens), manager.create(mask), false);
            KvCache cache = lm.newCache();
            int prompt = 4;
            NDArray prefix = lm.forward(ps, lm.embed(ps, manager.create(slice(tokens, 0, prompt)), false),
                    manager.create(slice(mask, 0, prompt)), cache, false);
            assertArrayEquals(full.get(new NDIndex(":, :{}, :", prompt)).toFloatArray(), prefix.toFloatArray(), 1e-4f);
            for (int t = prompt; t < tokens[0].length; t++) {
                NDArray step = lm.forward(ps, lm.embed(ps, manager.create(slice(tokens, t, t + 1)), false),
                        manager.create(slice(mask, 0, t + 1)), cache, false);
                assertEquals(t + 1, cache.length());
                assertArrayEquals(full.get(new NDIndex(":, {}:{}, :", t, t + 1)).toFloatArray(), step.toFloatArray(), 1e-4f,
                        "position " + t);
            }
        }
    }

    @Test
    void badInputsAreNamed() {
        try (NDManager manager = NDManager.newBaseManager()) {
            CausalLm lm = lm(manager, CONFIG);
            ParameterStore ps = new ParameterStore(manager, false);
            IllegalArgumentException outOfVocab = assertThrows(IllegalArgumentException.class,
                    () -> lm.forward(ps, manager.create(new long[][] {{1, 40}}), null, false));
            assertTrue(outOfVocab.getMessage().contains("[0, 40)"), outOfVocab.getMessage());
            IllegalArgumentException badMask = assertThrows(IllegalArgumentException.class,
                    () -> lm.forward(ps, manager.create(new long[][] {{1, 2}}), manager.create(new long[][] {{1}}), false));
            assertTrue(badMask.getMessage().contains("attention mask"), badMask.getMessage());
            IllegalArgumentException tooLong = assertThrows(IllegalArgumentException.class,
                    () -> lm.forward(ps, manager.zeros(new Shape(1, CONFIG.maxPositionEmbeddings() + 1), ai.djl.ndarray.types.DataType.INT64), null, false));
            assertTrue(tooLong.getMessage().contains("max_position_embeddings"), tooLong.getMessage());
        }
    }

    private static long[][] slice(long[][] rows, int from, int to) {
        return Arrays.stream(rows).map(r -> Arrays.copyOfRange(r, from, to)).toArray(long[][]::new);
    }
}
