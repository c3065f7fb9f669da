package dev.palo.model.lm;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import dev.palo.model.nn.Activations;
import dev.palo.model.nn.Linear;
import dev.palo.model.nn.Module;
import dev.palo.model.nn.ParameterFactory;
import java.util.Map;

/** SwiGLU feed-forward: down(silu(gate x) · up x). */
final class LlamaMlp implements Module {
    final Linear gateProj;
    final Linear upProj;
    final Linear downProj;

    LlamaMlp(ParameterFactory factory, LmConfig config) {
        int h = config.hiddenSize();
        int i = config.intermediateSize();
        this.gateProj = Linear.create(factory, h, i, false, 0.02f);
        this.upProj = Linear.create(factory, h, i, false, 0.02f);
        this.downProj = Linear.create(factory, i, h, false, 0.02f);
    }

    NDArray forward(ParameterStore ps, NDArray x, boolean training) {
        NDArray gated = Activations.silu(gateProj.forward(ps, x, training)).mul(upProj.forward(ps, x, training));
        return downProj.forward(ps, gated, training);
    }

    @Override
    public void collectParameters(String prefix, Map<String, Parameter> into) {
        gateProj.collectParameters(prefix + "gate_proj.", into);
        upProj.collectParameters(prefix + "up_proj.", into);
        downProj.collectParameters(prefix + "down_proj.", into);
    }
}
