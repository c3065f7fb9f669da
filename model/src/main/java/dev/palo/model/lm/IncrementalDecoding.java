package dev.palo.model.lm;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.training.ParameterStore;
import dev.palo.model.nn.Narrow;
import java.util.Arrays;

/**
 * One generate() call's decoding with a KV cache: the prompt in one forward, then one token per
 * step. What the steps share is made once, in the call's manager: the attention bias row of the
 * longest sequence (each step takes a prefix of it), every step's rotary tables (one split into
 * views), and per layer its stacked weights and scalar operands ({@link LayerConstants}). A step
 * then makes no array from Java memory and copies nothing back: its input is the token ids, its
 * output the logits.
 *
 * <p>The values are those of {@link CausalLm#forward} with a growing mask of ones after the
 * prompt's; see {@code IncrementalDecodingTest}.
 */
public final class IncrementalDecoding {
    private final CausalLm lm;
    private final ParameterStore ps;
    private final long[][] promptMask;
    private final KvCache cache;
    private final NDArray biasRow;
    private final NDList stepCos;
    private final NDList stepSin;
    private final LayerConstants[] constants;
    private final NDArray normEpsilon;
    private int steps;

    IncrementalDecoding(CausalLm lm, ParameterStore ps, NDManager manager, long[][] promptMask, int maxNewTokens) {
        if (maxNewTokens <= 0) {
            throw new IllegalArgumentException("maxNewTokens must be positive, got " + maxNewTokens);
        }
        this.lm = lm;
        this.ps = ps;
        this.promptMask = promptMask;
        this.cache = lm.newCache();
        long[][] longest = new long[promptMask.length][];
        for (int b = 0; b < promptMask.length; b++) {
            longest[b] = Arrays.copyOf(promptMask[b], promptMask[b].length + maxNewTokens);
            Arrays.fill(longest[b], promptMask[b].length, longest[b].length, 1);
        }
        // the last token's bias row: its prefixes are every earlier step's rows, as the mask after the prompt is ones
        this.biasRow = AttentionBias.bias(manager, longest, 1);
        RotaryEmbedding.Tables tables = lm.rotary().tables(AttentionBias.positions(manager, longest, maxNewTokens));
        this.stepCos = tables.cos().split(maxNewTokens, 2);
        this.stepSin = tables.sin().split(maxNewTokens, 2);
        this.constants = lm.layerConstants(ps, biasRow);
        this.normEpsilon = lm.normEpsilon(biasRow);
    }

    /** Logits [B, T, vocab] of the prompt's embeddings [B, T, hidden], T its mask's length; fills the cache. */
    public NDArray prefill(NDArray promptEmbeds) {
        if (cache.length() != 0 || promptEmbeds.getShape().get(1) != promptMask[0].length) {
            throw new IllegalStateException("prefill runs once, first, on the " + promptMask[0].length
                    + " tokens of the mask; got " + promptEmbeds.getShape() + " after " + cache.length() + " tokens");
        }
        return lm.forward(ps, promptEmbeds, promptMask, promptMask[0].length, cache, constants, normEpsilon, false);
    }

    /**
     * Logits [B, 1, vocab] after one more token per sample.
     *
     * @param ids int64 [B, 1] in [0, vocab_size) (not checked: the model's own choices); its
     *     manager receives the step's arrays and, through the cache, the keys and values so far
     */
    public NDArray next(NDArray ids) {
        if (cache.length() == 0 || steps >= stepCos.size()) {
            throw new IllegalStateException("a step needs the prefill first and at most maxNewTokens steps; step "
                    + steps + " of " + stepCos.size());
        }
        NDArray bias = Narrow.of(biasRow, 3, 0, promptMask[0].length + steps + 1);
        RotaryEmbedding.Tables tables = new RotaryEmbedding.Tables(stepCos.get(steps), stepSin.get(steps));
        steps++;
        return lm.layersAndHead(ps, lm.embedKnownIds(ps, ids), tables, bias, cache, constants, normEpsilon, false);
    }
}
