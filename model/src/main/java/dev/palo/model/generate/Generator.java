package dev.palo.model.generate;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import dev.palo.model.lm.CausalLm;
import dev.palo.model.lm.IncrementalDecoding;
import dev.palo.model.nn.Autograd;
import dev.palo.model.nn.Narrow;
import dev.palo.model.multimodal.MultimodalInputs;
import dev.palo.model.multimodal.PaloModel;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Batched autoregressive decoding with a KV cache, with or without images.
 *
 * <p>The spliced prompt is re-packed to the left (real tokens last, in order), so every sample's
 * next token goes at the same position whether the caller padded left or right; positions follow
 * the mask, so padding never shifts a sample's rotary angles. Each step runs in its own
 * sub-manager; the cache's arrays move to the newest step's manager and the previous one is closed.
 * What the steps share (bias row, rotary tables, stacked weights) is made once per call by
 * {@link IncrementalDecoding}; a greedy step sends the chosen ids in and copies only them out.
 */
public final class Generator {
    private final PaloModel model;

    public Generator(PaloModel model) {
        this.model = model;
    }

    /**
     * @param inputIds int64 [B, T] prompts, may contain the image placeholder
     * @param attentionMask [B, T], 1 for real tokens, or null when nothing is padded
     * @param images float32 [B, C, S, S] or null (see {@link PaloModel#forward})
     * @return per sample the generated ids, without the prompt, ending with eos if it was produced
     */
    public List<long[]> generate(NDArray inputIds, NDArray attentionMask, NDArray images, GenerationConfig config) {
        Autograd.offForThisThread();
        CausalLm lm = model.languageModel();
        int vocab = lm.config().vocabSize();
        int batch = (int) inputIds.getShape().get(0);
        TokenSampler sampler = new TokenSampler(config);
        List<List<Long>> generated = new ArrayList<>();
        for (int b = 0; b < batch; b++) {
            generated.add(new ArrayList<>());
        }
        boolean[] finished = new boolean[batch];
        try (NDManager root = inputIds.getManager().newSubManager()) {
            ParameterStore ps = new ParameterStore(root, false);
            NDManager previous = null;
            NDManager current = root.newSubManager();
            try {
                MultimodalInputs prompt = model.prepareInputs(ps, copy(inputIds, current), null,
                        attentionMask == null ? null : copy(attentionMask, current),
                        images == null ? null : copy(images, current), false);
                long[][] mask = leftPackedMask(prompt.attentionMask());
                int promptLength = mask[0].length;
                if (promptLength + config.maxNewTokens() > lm.config().maxPositionEmbeddings()) {
                    throw new IllegalArgumentException("prompt of " + promptLength + " tokens plus " + config.maxNewTokens()
                            + " new tokens exceeds max_position_embeddings " + lm.config().maxPositionEmbeddings());
                }
                NDArray embeds = leftPack(prompt.embeds(), prompt.attentionMask());
                IncrementalDecoding decoding = lm.decoding(ps, root, mask, config.maxNewTokens());
                NDArray logits = decoding.prefill(embeds);
                NDArray last = Narrow.of(logits, 1, promptLength - 1, 1);
                for (int step = 0; step < config.maxNewTokens(); step++) {
                    // greedy: the argmax on the native side, so only the ids cross (they are also the next input)
                    NDArray chosen = config.isGreedy() ? last.argMax(2) : null;
                    long[] next = chosen != null
                            ? chosen.toLongArray()
                            : sample(sampler, last, finished, config.eosTokenId(), vocab);
                    for (int b = 0; b < batch; b++) {
                        if (!finished[b]) {
                            generated.get(b).add(next[b]);
                            finished[b] = next[b] == config.eosTokenId();
                        }
                    }
                    if (allTrue(finished) || step + 1 == config.maxNewTokens()) {
                        break;
                    }
                    if (previous != null) {
                        previous.close();
                    }
                    previous = current;
                    current = root.newSubManager();
                    // a finished sample's row goes on with its own choice: rows never mix, and it is not kept
                    NDArray ids = chosen != null ? chosen : current.create(next, new Shape(batch, 1));
                    ids.attach(current);
                    last = decoding.next(ids);
                }
            } finally {
                current.close();
                if (previous != null) {
                    previous.close();
                }
            }
        }
        List<long[]> result = new ArrayList<>();
        for (List<Long> ids : generated) {
            result.add(ids.stream().mapToLong(Long::longValue).toArray());
        }
        return result;
    }

    /** The sampler's choice per sample from logits [B, 1, vocab]; eos for a finished one, which draws nothing. */
    private static long[] sample(TokenSampler sampler, NDArray last, boolean[] finished, long eos, int vocab) {
        float[] logits = last.toFloatArray();
        long[] next = new long[finished.length];
        for (int b = 0; b < next.length; b++) {
            next[b] = finished[b] ? eos : sampler.next(logits, b * vocab, vocab);
        }
        return next;
    }

    /** A copy owned by {@code manager}, so the caller's arrays and managers are left untouched. */
    private static NDArray copy(NDArray array, NDManager manager) {
        NDArray copy = array.duplicate();
        copy.attach(manager);
        return copy;
    }

    /** Rows of the mask with each sample's real tokens moved to the end. */
    private static long[][] leftPackedMask(NDArray attentionMask) {
        int batch = (int) attentionMask.getShape().get(0);
        int length = (int) attentionMask.getShape().get(1);
        long[] flat = attentionMask.toType(DataType.INT64, false).toLongArray();
        long[][] packed = new long[batch][length];
        for (int b = 0; b < batch; b++) {
            long real = Arrays.stream(flat, b * length, (b + 1) * length).filter(v -> v != 0).count();
            Arrays.fill(packed[b], (int) (length - real), length, 1);
        }
        return packed;
    }

    /** Gathers each sample's embeddings so its pads come first and its real tokens last, in order. */
    private static NDArray leftPack(NDArray embeds, NDArray attentionMask) {
        Shape shape = embeds.getShape();
        int batch = (int) shape.get(0);
        int length = (int) shape.get(1);
        long[] flat = attentionMask.toType(DataType.INT64, false).toLongArray();
        long[] order = new long[batch * length];
        for (int b = 0; b < batch; b++) {
            int out = b * length;
            for (int pass = 0; pass < 2; pass++) {
                for (int t = 0; t < length; t++) {
                    boolean real = flat[b * length + t] != 0;
                    if (real == (pass == 1)) {
                        order[out++] = (long) b * length + t;
                    }
                }
            }
        }
        NDArray index = embeds.getManager().create(order);
        return embeds.reshape(batch * length, shape.get(2)).get(index).reshape(shape);
    }

    private static boolean allTrue(boolean[] flags) {
        for (boolean flag : flags) {
            if (!flag) {
                return false;
            }
        }
        return true;
    }
}
