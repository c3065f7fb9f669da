package dev.palo.model.lm;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.ndarray.types.SparseFormat;
import ai.djl.nn.Parameter;
import ai.djl.nn.core.Embedding;
import ai.djl.training.ParameterStore;
import dev.palo.model.nn.Linear;
import dev.palo.model.nn.Module;
import dev.palo.model.nn.ParameterFactory;
import dev.palo.model.nn.ParameterValues;
import dev.palo.model.nn.RmsNorm;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Llama-style causal language model (HF LlamaForCausalLM names: {@code model.embed_tokens},
 * {@code model.layers.N...}, {@code model.norm}, {@code lm_head}). Usable on its own for text.
 *
 * <p>Memory: results land in the manager of the activations passed in; pass inputs attached to a
 * per-step sub-manager.
 */
public final class CausalLm implements Module {
    /** The most a generate() call spends on stacked weight copies ({@link #stacksLinears}). */
    static final long STACKING_BUDGET_BYTES = 64L << 20;

    private final LmConfig config;
    private final Parameter embedTokens;
    private final List<DecoderLayer> layers = new ArrayList<>();
    private final RmsNorm norm;
    private final Linear lmHead;
    private final RotaryEmbedding rotary;

    public CausalLm(ParameterFactory factory, LmConfig config) {
        this.config = config;
        this.embedTokens = factory.normal("embed_tokens.weight", 0.02f, config.vocabSize(), config.hiddenSize());
        for (int i = 0; i < config.numHiddenLayers(); i++) {
            layers.add(new DecoderLayer(factory, config));
        }
        this.norm = new RmsNorm(factory, config.hiddenSize(), config.rmsNormEps());
        this.lmHead = config.tieWordEmbeddings()
                ? null
                : Linear.create(factory, config.hiddenSize(), config.vocabSize(), false, 0.02f);
        this.rotary = new RotaryEmbedding(config.headDim(), config.ropeTheta());
    }

    public LmConfig config() {
        return config;
    }

    /** Token embeddings [B, T, hidden] for int64 ids [B, T] in [0, vocab_size). */
    public NDArray embed(ParameterStore ps, NDArray ids, boolean training) {
        if (ids.getShape().dimension() != 2) {
            throw new IllegalArgumentException("input ids must be [B, T], got " + ids.getShape());
        }
        if (ids.size() > 0) {
            long min = ids.min().toType(DataType.INT64, false).getLong();
            long max = ids.max().toType(DataType.INT64, false).getLong();
            if (min < 0 || max >= config.vocabSize()) {
                throw new IllegalArgumentException("token ids must lie in [0, " + config.vocabSize() + "), got range ["
                        + min + ", " + max + "] (image placeholders are spliced by PaloModel)");
            }
        }
        NDArray weight = ParameterValues.of(ps, embedTokens, ids, training);
        return Embedding.embedding(ids.toType(DataType.INT64, false), weight, SparseFormat.DENSE).head();
    }

    /**
     * Logits for a batch of embedded tokens.
     *
     * @param inputEmbeds [B, T, hidden]
     * @param attentionMask [B, past + T], 1 for real tokens (left or right padding); null = all real
     * @param cache null for a plain forward; otherwise the past keys/values, extended in place
     * @return logits [B, T, vocab_size]
     */
    public NDArray forward(
            ParameterStore ps, NDArray inputEmbeds, NDArray attentionMask, KvCache cache, boolean training) {
        Shape shape = inputEmbeds.getShape();
        int batch = (int) shape.get(0);
        int queries = (int) shape.get(1);
        int keys = (int) (queries + (cache == null ? 0 : cache.length()));
        if (keys > config.maxPositionEmbeddings()) {
            throw new IllegalArgumentException("sequence of " + keys + " tokens exceeds max_position_embeddings "
                    + config.maxPositionEmbeddings());
        }
        long[][] mask = maskRows(attentionMask, batch, keys);
        return forward(ps, inputEmbeds, mask, queries, cache, null, null, training);
    }

    /** The forward from mask rows: the bias and rotary tables of its last {@code queries} tokens, then the layers. */
    NDArray forward(ParameterStore ps, NDArray inputEmbeds, long[][] mask, int queries, KvCache cache,
                    LayerConstants[] constants, NDArray normEpsilon, boolean training) {
        var manager = inputEmbeds.getManager();
        NDArray bias = AttentionBias.bias(manager, mask, queries);
        RotaryEmbedding.Tables tables = rotary.tables(AttentionBias.positions(manager, mask, queries));
        return layersAndHead(ps, inputEmbeds, tables, bias, cache, constants, normEpsilon, training);
    }

    /**
     * The decoder layers, the final norm and the head, with the attention bias and rotary tables
     * already made.
     *
     * @param constants null, or per layer its constants for one generate() call ({@link #layerConstants})
     * @param normEpsilon null, or the final norm's epsilon made once ({@link #normEpsilon})
     */
    NDArray layersAndHead(ParameterStore ps, NDArray inputEmbeds, RotaryEmbedding.Tables tables, NDArray bias,
                          KvCache cache, LayerConstants[] constants, NDArray normEpsilon, boolean training) {
        NDArray h = inputEmbeds;
        for (int i = 0; i < layers.size(); i++) {
            h = layers.get(i).forward(
                    ps, h, tables, bias, cache, i, constants == null ? null : constants[i], training);
        }
        h = norm.forward(ps, h, normEpsilon, training);
        return lmHead == null
                ? ai.djl.nn.core.Linear.linear(h, ParameterValues.of(ps, embedTokens, h, training)).head()
                : lmHead.forward(ps, h, training);
    }

    /**
     * Starts the incremental decoding of one generate() call: a prompt whose mask rows are
     * {@code mask} (real tokens last, as the generator packs them), then up to {@code maxNewTokens}
     * steps of one token. What the steps share is made here once, owned by {@code manager}, which
     * must outlive the decoding.
     */
    public IncrementalDecoding decoding(ParameterStore ps, NDManager manager, long[][] mask, int maxNewTokens) {
        return new IncrementalDecoding(this, ps, manager, mask, maxNewTokens);
    }

    /** Per layer its constants for one generate() call, owned by the manager of {@code like}. */
    LayerConstants[] layerConstants(ParameterStore ps, NDArray like) {
        boolean stack = stacksLinears(config);
        LayerConstants[] constants = new LayerConstants[layers.size()];
        for (int i = 0; i < constants.length; i++) {
            constants[i] = layers.get(i).constants(ps, like, stack);
        }
        return constants;
    }

    /**
     * Whether a generate() call stacks q/k/v and gate/up: only while the stacked copies, made per call, stay within
     * {@link #STACKING_BUDGET_BYTES}. Stacking saves a call per linear, which counts where a call's fixed cost is
     * comparable to its matmul (the mini preset); a 1.4B model's copies would be gigabytes for nothing.
     */
    static boolean stacksLinears(LmConfig config) {
        long rowsPerLayer = 3L * config.numAttentionHeads() * config.headDim() + 2L * config.intermediateSize();
        long bytes = rowsPerLayer * config.hiddenSize() * Float.BYTES * config.numHiddenLayers();
        return bytes <= STACKING_BUDGET_BYTES;
    }

    /** The final norm's epsilon as a tensor, in the manager of {@code like}. */
    NDArray normEpsilon(NDArray like) {
        return norm.epsilon(like);
    }

    RotaryEmbedding rotary() {
        return rotary;
    }

    /** Embeddings of ids known to lie in the vocabulary (the model's own argmax), without {@link #embed}'s check. */
    NDArray embedKnownIds(ParameterStore ps, NDArray ids) {
        NDArray weight = ParameterValues.of(ps, embedTokens, ids, false);
        return Embedding.embedding(ids, weight, SparseFormat.DENSE).head();
    }

    /** Text-only forward from ids [B, T] without a cache. */
    public NDArray forward(ParameterStore ps, NDArray ids, NDArray attentionMask, boolean training) {
        return forward(ps, embed(ps, ids, training), attentionMask, null, training);
    }

    public KvCache newCache() {
        return new KvCache(layers.size());
    }

    /**
     * The linears LoRA adapts — every linear of the decoder layers, not lm_head — keyed by their
     * module name ({@code model.layers.0.self_attn.q_proj}).
     */
    public Map<String, Linear> adaptableLinears() {
        Map<String, Linear> linears = new LinkedHashMap<>();
        for (int i = 0; i < layers.size(); i++) {
            String prefix = "model.layers." + i + ".";
            layers.get(i).linears().forEach((name, linear) -> linears.put(prefix + name, linear));
        }
        return linears;
    }

    /** All parameters under HF names, in a stable order. */
    public LinkedHashMap<String, Parameter> namedParameters() {
        LinkedHashMap<String, Parameter> named = new LinkedHashMap<>();
        collectParameters("", named);
        return named;
    }

    @Override
    public void collectParameters(String prefix, Map<String, Parameter> into) {
        into.put(prefix + "model.embed_tokens.weight", embedTokens);
        for (int i = 0; i < layers.size(); i++) {
            layers.get(i).collectParameters(prefix + "model.layers." + i + ".", into);
        }
        norm.collectParameters(prefix + "model.norm.", into);
        if (lmHead != null) {
            lmHead.collectParameters(prefix + "lm_head.", into);
        }
    }

    private static long[][] maskRows(NDArray attentionMask, int batch, int keys) {
        long[][] rows = new long[batch][keys];
        if (attentionMask == null) {
            for (long[] row : rows) {
                java.util.Arrays.fill(row, 1);
            }
            return rows;
        }
        Shape shape = attentionMask.getShape();
        if (shape.dimension() != 2 || shape.get(0) != batch || shape.get(1) != keys) {
            throw new IllegalArgumentException("attention mask must be [" + batch + ", " + keys
                    + "] (batch, cached + new tokens), got " + shape);
        }
        long[] flat = attentionMask.toType(DataType.INT64, false).toLongArray();
        for (int b = 0; b < batch; b++) {
            System.arraycopy(flat, b * keys, rows[b], 0, keys);
        }
        return rows;
    }
}
