package dev.palo.model.lm;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import dev.palo.model.nn.Activations;
import dev.palo.model.nn.Linear;
import dev.palo.model.nn.Module;
import dev.palo.model.nn.ParameterFactory;
import dev.palo.model.nn.ParameterValues;
import dev.palo.model.nn.StackedLinear;
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

    /** @param stacked null, or gate and up as one linear ({@link #stackedGateUp}) */
    NDArray forward(ParameterStore ps, NDArray x, StackedLinear stacked, boolean training) {
        NDArray gate;
        NDArray up;
        if (stacked == null) {
            gate = gateProj.forward(ps, x, training);
            up = upProj.forward(ps, x, training);
        } else {
            NDList both = stacked.forward(x).split(2, x.getShape().dimension() - 1);
            gate = both.get(0);
            up = both.get(1);
        }
        return downProj.forward(ps, Activations.silu(gate).mul(up), training);
    }

    /** gate and up as one linear for a run of inference forwards; null when one has a bias or an adapter. */
    StackedLinear stackedGateUp(ParameterStore ps, NDArray like, NDManager manager) {
        if (!gateProj.isPlain() || !upProj.isPlain()) {
            return null;
        }
        return StackedLinear.of(manager, ParameterValues.of(ps, gateProj.weight(), like, false),
                ParameterValues.of(ps, upProj.weight(), like, false));
    }

    @Override
    public void collectParameters(String prefix, Map<String, Parameter> into) {
        gateProj.collectParameters(prefix + "gate_proj.", into);
        upProj.collectParameters(prefix + "up_proj.", into);
        downProj.collectParameters(prefix + "down_proj.", into);
    }
}
