package dev.palo.model.projector;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import dev.palo.model.nn.ParameterFactory;
import java.util.Map;

/** LLaVA's {@code mlp<N>x_gelu}: N linears with GELU between them, token count unchanged. */
final class MlpGeluProjector implements Projector {
    private final GeluMlp mlp;

    MlpGeluProjector(ParameterFactory factory, int mmHidden, int hidden, int depth) {
        this.mlp = new GeluMlp(factory, mmHidden, hidden, depth, 0);
    }

    @Override
    public NDArray forward(ParameterStore ps, NDArray features, boolean training) {
        return mlp.forward(ps, features, training);
    }

    @Override
    public int outputTokens(int inputTokens) {
        return inputTokens;
    }

    @Override
    public void collectParameters(String prefix, Map<String, Parameter> into) {
        mlp.collectParameters(prefix, into);
    }
}
