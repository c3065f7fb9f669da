package dev.palo.model.vision;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import dev.palo.model.nn.Activations;
import dev.palo.model.nn.FeatureLayerNorm;
import dev.palo.model.nn.Linear;
import dev.palo.model.nn.Module;
import dev.palo.model.nn.ParameterFactory;
import dev.palo.model.nn.ScaledDotProductAttention;
import java.util.Map;

/** A pre-LN CLIP encoder layer: x + attn(ln1 x), then + fc2(quickGelu(fc1(ln2 x))). */
final class VisionEncoderLayer implements Module {
    private final int heads;
    private final Linear qProj;
    private final Linear kProj;
    private final Linear vProj;
    private final Linear outProj;
    private final FeatureLayerNorm layerNorm1;
    private final Linear fc1;
    private final Linear fc2;
    private final FeatureLayerNorm layerNorm2;

    VisionEncoderLayer(ParameterFactory factory, VisionConfig config) {
        int h = config.hiddenSize();
        this.heads = config.numAttentionHeads();
        this.qProj = Linear.create(factory, h, h, true, 0.02f);
        this.kProj = Linear.create(factory, h, h, true, 0.02f);
        this.vProj = Linear.create(factory, h, h, true, 0.02f);
        this.outProj = Linear.create(factory, h, h, true, 0.02f);
        this.layerNorm1 = new FeatureLayerNorm(factory, h, config.layerNormEps());
        this.fc1 = Linear.create(factory, h, config.intermediateSize(), true, 0.02f);
        this.fc2 = Linear.create(factory, config.intermediateSize(), h, true, 0.02f);
        this.layerNorm2 = new FeatureLayerNorm(factory, h, config.layerNormEps());
    }

    NDArray forward(ParameterStore ps, NDArray x, boolean training) {
        NDArray normed = layerNorm1.forward(ps, x, training);
        NDArray q = ScaledDotProductAttention.splitHeads(qProj.forward(ps, normed, training), heads);
        NDArray k = ScaledDotProductAttention.splitHeads(kProj.forward(ps, normed, training), heads);
        NDArray v = ScaledDotProductAttention.splitHeads(vProj.forward(ps, normed, training), heads);
        NDArray attended = ScaledDotProductAttention.mergeHeads(ScaledDotProductAttention.compute(q, k, v, null));
        NDArray afterAttention = x.add(outProj.forward(ps, attended, training));
        NDArray hidden = Activations.quickGelu(fc1.forward(ps, layerNorm2.forward(ps, afterAttention, training), training));
        return afterAttention.add(fc2.forward(ps, hidden, training));
    }

    @Override
    public void collectParameters(String prefix, Map<String, Parameter> into) {
        qProj.collectParameters(prefix + "self_attn.q_proj.", into);
        kProj.collectParameters(prefix + "self_attn.k_proj.", into);
        vProj.collectParameters(prefix + "self_attn.v_proj.", into);
        outProj.collectParameters(prefix + "self_attn.out_proj.", into);
        layerNorm1.collectParameters(prefix + "layer_norm1.", into);
        fc1.collectParameters(prefix + "mlp.fc1.", into);
        fc2.collectParameters(prefix + "mlp.fc2.", into);
        layerNorm2.collectParameters(prefix + "layer_norm2.", into);
    }
}
