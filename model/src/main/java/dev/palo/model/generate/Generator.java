package dev.palo.model.generate;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import dev.palo.model.lm.CausalLm;
import dev.palo.model.lm.KvCache;
import dev.palo.model.nn.Autograd;
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
            KvCache cache = lm.newCache();
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
                NDArray logits = lm.forward(ps, embeds, current.create(flatten(mask), new Shape(batch, promptLength)),
                        cache, false);
                for (int step = 0; step < config.maxNewTokens(); step++) {
                    float[] last = logits.get(new NDIndex(":, -1, :")).toFloatArray();
                    long[] next = new long[batch];
                    for (int b = 0; b < batch; b++) {
                        next[b] = finished[b] ? config.eosTokenId() : sampler.next(last, b * vocab, vocab);
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
                    mask = appendOne(mask);
                    NDArray stepEmbeds = lm.embed(ps, current.create(next, new Shape(batch, 1)), false);
                    logits = lm.forward(ps, stepEmbeds,
                            current.create(flatten(mask), new Shape(batch, mask[0].length)), cache, false);
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

    private static long[][] appendOne(long[][] mask) {
        long[][] grown = new long[mask.length][];
        for (int b = 0; b < mask.length; b++) {
            grown[b] = Arrays.copyOf(mask[b], mask[b].length + 1);
            grown[b][mask[b].length] = 1;
        }
        return grown;
    }

    private static long[] flatten(long[][] rows) {
        return Arrays.stream(rows).flatMapToLong(Arrays::stream).toArray();
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
