package dev.palo.model.lm;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import dev.palo.model.nn.Linear;
import dev.palo.model.nn.Module;
import dev.palo.model.nn.ParameterFactory;
import dev.palo.model.nn.ScaledDotProductAttention;
import java.util.Map;

/** Causal self-attention with rotary positions and grouped key/value heads, bias-free as Llama. */
final class LlamaAttention implements Module {
    private final int heads;
    private final int kvHeads;
    final Linear qProj;
    final Linear kProj;
    final Linear vProj;
    final Linear oProj;

    LlamaAttention(ParameterFactory factory, LmConfig config) {
        int h = config.hiddenSize();
        int kvWidth = config.numKeyValueHeads() * config.headDim();
        this.heads = config.numAttentionHeads();
        this.kvHeads = config.numKeyValueHeads();
        this.qProj = Linear.create(factory, h, h, false, 0.02f);
        this.kProj = Linear.create(factory, h, kvWidth, false, 0.02f);
        this.vProj = Linear.create(factory, h, kvWidth, false, 0.02f);
        this.oProj = Linear.create(factory, h, h, false, 0.02f);
    }

    NDArray forward(
            ParameterStore ps,
            NDArray x,
            RotaryEmbedding.Tables rotary,
            NDArray bias,
            KvCache cache,
            int layerIndex,
            boolean training) {
        NDArray q = RotaryEmbedding.apply(
                ScaledDotProductAttention.splitHeads(qProj.forward(ps, x, training), heads), rotary);
        NDArray k = RotaryEmbedding.apply(
                ScaledDotProductAttention.splitHeads(kProj.forward(ps, x, training), kvHeads), rotary);
        NDArray v = ScaledDotProductAttention.splitHeads(vProj.forward(ps, x, training), kvHeads);
        if (cache != null) {
            NDArray[] full = cache.append(layerIndex, k, v);
            k = full[0];
            v = full[1];
        }
        NDArray attended = ScaledDotProductAttention.compute(q, repeatKv(k), repeatKv(v), bias);
        return oProj.forward(ps, ScaledDotProductAttention.mergeHeads(attended), training);
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
