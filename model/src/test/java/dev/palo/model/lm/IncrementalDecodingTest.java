package dev.palo.model.lm;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import dev.palo.model.lora.LoraConfig;
import dev.palo.model.lora.LoraLayers;
import dev.palo.model.nn.ParameterFactory;
import dev.palo.model.preset.Presets;
import dev.palo.model.preset.TinyConfigs;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class IncrementalDecodingTest {
    /** Sample 0 left-padded by two; the tiny config has grouped key/value heads (4 query, 2 kv). */
    private static final long[][] PROMPT = {{0, 0, 3, 8, 21}, {4, 12, 6, 1, 33}};
    private static final long[][] PROMPT_MASK = {{0, 0, 1, 1, 1}, {1, 1, 1, 1, 1}};
    private static final long[][] NEXT = {{5, 17, 9, 30}, {2, 25, 14, 7}};

    private static CausalLm lm(NDManager manager) {
        return new CausalLm(new ParameterFactory(manager, new SplittableRandom(7)), TinyConfigs.LM);
    }

    @Test
    void stepsGiveTheCachedForwardsLogitsBitForBit() {
        try (NDManager manager = NDManager.newBaseManager()) {
            assertSameLogits(lm(manager), manager);
        }
    }

    @Test
    void linearsWithAdaptersKeepTheirOwnMatmulsAndTheSameLogits() {
        try (NDManager manager = NDManager.newBaseManager()) {
            CausalLm lm = lm(manager);
            LoraLayers.attach(lm, new LoraConfig(4, 8, 0f), new ParameterFactory(manager, new SplittableRandom(3)));
            assertSameLogits(lm, manager);
        }
    }

    @Test
    void onlySmallModelsStackTheirLinears() {
        assertTrue(CausalLm.stacksLinears(TinyConfigs.LM));
        assertTrue(CausalLm.stacksLinears(Presets.MINI.textConfig()));
        // 24 layers of width 2048: the per-call copies would be gigabytes
        assertFalse(CausalLm.stacksLinears(Presets.MOBILE_LLAMA_1_4B));
    }

    @Test
    void aStepNeedsThePrefillFirstAndStaysWithinMaxNewTokens() {
        try (NDManager manager = NDManager.newBaseManager()) {
            CausalLm lm = lm(manager);
            ParameterStore ps = new ParameterStore(manager, false);
            IncrementalDecoding decoding = lm.decoding(ps, manager, PROMPT_MASK, 1);
            NDArray token = manager.create(new long[] {1, 2}, new Shape(2, 1));
            assertThrows(IllegalStateException.class, () -> decoding.next(token));
            decoding.prefill(lm.embed(ps, manager.create(PROMPT), false));
            decoding.next(token);
            assertThrows(IllegalStateException.class, () -> decoding.next(token));
        }
    }

    /** Prompt, then a token at a time: IncrementalDecoding against CausalLm.forward with a cache and a growing mask. */
    private static void assertSameLogits(CausalLm lm, NDManager manager) {
        ParameterStore ps = new ParameterStore(manager, false);
        KvCache cache = lm.newCache();
        long[][] mask = PROMPT_MASK;
        NDArray expected =
                lm.forward(ps, lm.embed(ps, manager.create(PROMPT), false), manager.create(mask), cache, false);
        IncrementalDecoding decoding = lm.decoding(ps, manager, PROMPT_MASK, NEXT[0].length + 1);
        NDArray actual = decoding.prefill(lm.embed(ps, manager.create(PROMPT), false));
        assertArrayEquals(expected.toFloatArray(), actual.toFloatArray(), "prompt");
        for (int t = 0; t < NEXT[0].length; t++) {
            mask = Arrays.stream(mask).map(row -> Arrays.copyOf(row, row.length + 1)).toArray(long[][]::new);
            for (long[] row : mask) {
                row[row.length - 1] = 1;
            }
            NDArray ids = manager.create(new long[] {NEXT[0][t], NEXT[1][t]}, new Shape(2, 1));
            expected = lm.forward(ps, lm.embed(ps, ids, false), manager.create(mask), cache, false);
            actual = decoding.next(ids);
            // exact: the same operations on the same values, only fewer calls
            assertArrayEquals(expected.get(new NDIndex(":, -1, :")).toFloatArray(), actual.toFloatArray(), "step " + t);
        }
    }
}
