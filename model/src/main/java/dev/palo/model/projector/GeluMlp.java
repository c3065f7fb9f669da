package dev.palo.model.projector;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import dev.palo.model.nn.Activations;
import dev.palo.model.nn.Linear;
import dev.palo.model.nn.Module;
import dev.palo.model.nn.ParameterFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Linear(in→out) followed by (GELU, Linear(out→out)) × (depth − 1), named by nn.Sequential
 * index. {@code firstIndex} is 1 where the PyTorch original starts its Sequential with an Identity
 * (MobileVLM's LDP).
 */
final class GeluMlp implements Module {
    private final List<Linear> linears = new ArrayList<>();
    private final int firstIndex;

    GeluMlp(ParameterFactory factory, int in, int out, int depth, int firstIndex) {
        this.firstIndex = firstIndex;
        for (int i = 0; i < depth; i++) {
            linears.add(Linear.create(factory, i == 0 ? in : out, out, true, 0.02f));
        }
    }

    NDArray forward(ParameterStore ps, NDArray x, boolean training) {
        NDArray y = linears.get(0).forward(ps, x, training);
        for (int i = 1; i < linears.size(); i++) {
            y = linears.get(i).forward(ps, Activations.gelu(y), training);
        }
        return y;
    }

    @Override
    public void collectParameters(String prefix, Map<String, Parameter> into) {
        for (int i = 0; i < linears.size(); i++) {
            linears.get(i).collectParameters(prefix + (firstIndex + 2 * i) + ".", into);
        }
    }
}
