package dev.palo.model.lm;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import dev.palo.model.nn.Linear;
import dev.palo.model.nn.Module;
import dev.palo.model.nn.ParameterFactory;
import dev.palo.model.nn.ParameterValues;
import dev.palo.model.nn.ScaledDotProductAttention;
import dev.palo.model.nn.StackedLinear;
import java.util.Map;

/** Causal self-attention with rotary positions and grouped key/value heads, bias-free as Llama. */
final class LlamaAttention implements Module {
    private final int heads;
    private final int kvHeads;
    private final int headDim;
    final Linear qProj;
    final Linear kProj;
    final Linear vProj;
    final Linear oProj;

    LlamaAttention(ParameterFactory factory, LmConfig config) {
        int h = config.hiddenSize();
        int kvWidth = config.numKeyValueHeads() * config.headDim();
        this.heads = config.numAttentionHeads();
        this.kvHeads = config.numKeyValueHeads();
        this.headDim = config.headDim();
        this.qProj = Linear.create(factory, h, h, false, 0.02f);
        this.kProj = Linear.create(factory, h, kvWidth, false, 0.02f);
        this.vProj = Linear.create(factory, h, kvWidth, false, 0.02f);
        this.oProj = Linear.create(factory, h, h, false, 0.02f);
    }

    /**
     * @param constants null, or this layer's for one generate() call; with its stacked q, k and v
     *     the cache holds keys and values already repeated per query head
     */
    NDArray forward(
            ParameterStore ps,
            NDArray x,
            RotaryEmbedding.Tables rotary,
            NDArray bias,
            KvCache cache,
            int layerIndex,
            LayerConstants constants,
            boolean training) {
        StackedLinear stacked = constants == null ? null : constants.qkv();
        NDArray[] qkv = stacked == null ? separate(ps, x, rotary, training) : fromStacked(stacked, x, rotary);
        NDArray k = qkv[1];
        NDArray v = qkv[2];
        if (cache != null) {
            NDArray[] full = cache.append(layerIndex, k, v);
            k = full[0];
            v = full[1];
        }
        if (stacked == null) {
            k = repeatKv(k);
            v = repeatKv(v);
        }
        NDArray attended = ScaledDotProductAttention.compute(
                qkv[0], k, v, bias, constants == null ? null : constants.attentionScale());
        return oProj.forward(ps, ScaledDotProductAttention.mergeHeads(attended), training);
    }

    /** Rotated q and k and v, [B, heads or kvHeads, T, d], from the three linears. */
    private NDArray[] separate(ParameterStore ps, NDArray x, RotaryEmbedding.Tables rotary, boolean training) {
        NDArray q = RotaryEmbedding.apply(
                ScaledDotProductAttention.splitHeads(qProj.forward(ps, x, training), heads), rotary);
        NDArray k = RotaryEmbedding.apply(
                ScaledDotProductAttention.splitHeads(kProj.forward(ps, x, training), kvHeads), rotary);
        NDArray v = ScaledDotProductAttention.splitHeads(vProj.forward(ps, x, training), kvHeads);
        return new NDArray[] {q, k, v};
    }

    /** The same from one matmul, k and v with {@code heads} heads; q and k rotated in one go. */
    private NDArray[] fromStacked(StackedLinear stacked, NDArray x, RotaryEmbedding.Tables rotary) {
        NDList qkAndV = ScaledDotProductAttention.splitHeads(stacked.forward(x), 3L * heads)
                .split(new long[] {2L * heads}, 1);
        NDList qk = RotaryEmbedding.apply(qkAndV.get(0), rotary).split(2, 1);
        return new NDArray[] {qk.get(0), qk.get(1), qkAndV.get(1)};
    }

    /**
     * q, k and v as one linear for a run of inference forwards, k's and v's rows repeated per
     * query head as {@link #repeatKv} repeats their outputs; null when one of them has a bias or
     * an adapter.
     */
    StackedLinear stackedQkv(ParameterStore ps, NDArray like, NDManager manager) {
        // an adapter's delta or a bias is added per linear, so those keep their own matmuls
        if (!qProj.isPlain() || !kProj.isPlain() || !vProj.isPlain()) {
            return null;
        }
        return StackedLinear.of(manager, ParameterValues.of(ps, qProj.weight(), like, false),
                repeatHeadRows(ParameterValues.of(ps, kProj.weight(), like, false), manager),
                repeatHeadRows(ParameterValues.of(ps, vProj.weight(), like, false), manager));
    }

    /** A k or v weight [kvHeads·d, in] with each head's rows repeated for the query heads it serves. */
    private NDArray repeatHeadRows(NDArray weight, NDManager manager) {
        if (heads == kvHeads) {
            return weight;
        }
        long rows = weight.getShape().get(0) / kvHeads;
        long in = weight.getShape().get(1);
        NDArray[] steps = new NDArray[3];
        steps[0] = weight.reshape(kvHeads, 1, rows, in);
        steps[1] = steps[0].broadcast(kvHeads, heads / kvHeads, rows, in);
        steps[2] = steps[1].reshape(heads * rows, in);
        for (NDArray step : steps) {
            step.attach(manager); // not the parameters' manager, which lives as long as the model
        }
        return steps[2];
    }

    /** 1/√headDim for {@link ScaledDotProductAttention#compute}, in the manager of {@code like}. */
    NDArray attentionScale(NDArray like) {
        return ScaledDotProductAttention.scale(like, headDim);
    }

    /** HF's repeat_kv: each key/value head serves heads/kvHeads consecutive query heads. */
    private NDArray repeatKv(NDArray x) {
        if (heads == kvHeads) {
            return x;
        }
        Shape s = x.getShape();
        long groups = heads / kvHeads;
        return x.expandDims(2)
                .broadcast(s.get(0), kvHeads, groups, s.get(2), s.get(3))
                .reshape(s.get(0), heads, s.get(2), s.get(3));
    }

    @Override
    public void collectParameters(String prefix, Map<String, Parameter> into) {
        qProj.collectParameters(prefix + "q_proj.", into);
        kProj.collectParameters(prefix + "k_proj.", into);
        vProj.collectParameters(prefix + "v_proj.", into);
        oProj.collectParameters(prefix + "o_proj.", into);
    }
}
