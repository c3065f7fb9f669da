package dev.palo.model.projector;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.nn.pooling.Pool;
import ai.djl.training.ParameterStore;
import dev.palo.model.nn.Conv2dLayer;
import dev.palo.model.nn.ParameterFactory;
import java.util.Map;

/**
 * MobileVLM V2's projector: MLP, 2×2 average pooling to half the grid (4× fewer tokens), then a
 * depthwise 3×3 conv added back as a positional encoding (PEG).
 */
final class LdpV2Projector implements Projector {
    private final GeluMlp mlp;
    private final Conv2dLayer positional;

    LdpV2Projector(ParameterFactory factory, int mmHidden, int hidden) {
        this.mlp = new GeluMlp(factory, mmHidden, hidden, 2, 0);
        this.positional = new Conv2dLayer(factory, hidden, hidden, 3, 1, 1, hidden, true);
    }

    @Override
    public NDArray forward(ParameterStore ps, NDArray features, boolean training) {
        outputTokens((int) features.getShape().get(1));
        NDArray map = TokenGrid.toMap(mlp.forward(ps, features, training));
        Shape window = new Shape(2, 2);
        NDArray pooled = Pool.avgPool2d(map, window, window, new Shape(0, 0), false, true);
        return TokenGrid.toTokens(pooled.add(positional.forward(ps, pooled, training)));
    }

    @Override
    public int outputTokens(int inputTokens) {
        int side = TokenGrid.side(inputTokens, "ldpv2");
        if (side % 2 != 0) {
            throw new IllegalArgumentException("ldpv2 halves the token grid and needs an even side, got " + side);
        }
        return (side / 2) * (side / 2);
    }

    @Override
    public void collectParameters(String prefix, Map<String, Parameter> into) {
        mlp.collectParameters(prefix + "mlp.mlp.", into);
        positional.collectParameters(prefix + "peg.peg.0.", into);
    }
}
