package dev.palo.model.projector;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import dev.palo.model.nn.Linear;
import dev.palo.model.nn.ParameterFactory;
import java.util.Map;

/** LLaVA's {@code linear} projector: one Linear(mm_hidden→hidden) with bias. */
final class LinearProjector implements Projector {
    private final Linear linear;

    LinearProjector(ParameterFactory factory, int mmHidden, int hidden) {
        this.linear = Linear.create(factory, mmHidden, hidden, true, 0.02f);
    }

    @Override
    public NDArray forward(ParameterStore ps, NDArray features, boolean training) {
        return linear.forward(ps, features, training);
    }

    @Override
    public int outputTokens(int inputTokens) {
        return inputTokens;
    }

    @Override
    public void collectParameters(String prefix, Map<String, Parameter> into) {
        linear.collectParameters(prefix, into);
    }
}
