package dev.palo.model.lm;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import dev.palo.model.nn.Linear;
import dev.palo.model.nn.Module;
import dev.palo.model.nn.ParameterFactory;
import dev.palo.model.nn.RmsNorm;
import java.util.LinkedHashMap;
import java.util.Map;

/** Pre-norm Llama decoder layer: x + attn(norm x), then + mlp(norm x). */
final class DecoderLayer implements Module {
    private final RmsNorm inputLayerNorm;
    private final LlamaAttention selfAttention;
    private final RmsNorm postAttentionLayerNorm;
    private final LlamaMlp mlp;

    DecoderLayer(ParameterFactory factory, LmConfig config) {
        this.inputLayerNorm = new RmsNorm(factory, config.hiddenSize(), config.rmsNormEps());
        this.selfAttention = new LlamaAttention(factory, config);
        this.postAttentionLayerNorm = new RmsNorm(factory, config.hiddenSize(), config.rmsNormEps());
        this.mlp = new LlamaMlp(factory, config);
    }

    NDArray forward(
            ParameterStore ps,
            NDArray x,
            RotaryEmbedding.Tables rotary,
            NDArray bias,
            KvCache cache,
            int layerIndex,
            LayerConstants constants,
            boolean training) {
        NDArray normed = inputLayerNorm.forward(
                ps, x, constants == null ? null : constants.inputNormEpsilon(), training);
        NDArray h = x.add(selfAttention.forward(ps, normed, rotary, bias, cache, layerIndex, constants, training));
        NDArray postNormed = postAttentionLayerNorm.forward(
                ps, h, constants == null ? null : constants.postNormEpsilon(), training);
        return h.add(mlp.forward(ps, postNormed, constants == null ? null : constants.gateUp(), training));
    }

    /**
     * This layer's constants for one generate() call, owned by the manager of {@code like}; with {@code stack} false
     * its linears keep their own matmuls.
     */
    LayerConstants constants(ParameterStore ps, NDArray like, boolean stack) {
        NDManager manager = like.getManager();
        return new LayerConstants(stack ? selfAttention.stackedQkv(ps, like, manager) : null,
                stack ? mlp.stackedGateUp(ps, like, manager) : null, inputLayerNorm.epsilon(like),
                postAttentionLayerNorm.epsilon(like), selfAttention.attentionScale(like));
    }

    /** The layer's linears by their name relative to the layer (self_attn.q_proj, mlp.gate_proj...). */
    Map<String, Linear> linears() {
        Map<String, Linear> linears = new LinkedHashMap<>();
        linears.put("self_attn.q_proj", selfAttention.qProj);
        linears.put("self_attn.k_proj", selfAttention.kProj);
        linears.put("self_attn.v_proj", selfAttention.vProj);
        linears.put("self_attn.o_proj", selfAttention.oProj);
        linears.put("mlp.gate_proj", mlp.gateProj);
        linears.put("mlp.up_proj", mlp.upProj);
        linears.put("mlp.down_proj", mlp.downProj);
        return linears;
    }

    @Override
    public void collectParameters(String prefix, Map<String, Parameter> into) {
        inputLayerNorm.collectParameters(prefix + "input_layernorm.", into);
        selfAttention.collectParameters(prefix + "self_attn.", into);
        postAttentionLayerNorm.collectParameters(prefix + "post_attention_layernorm.", into);
        mlp.collectParameters(prefix + "mlp.", into);
    }
}
