package dev.palo.model.projector;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import dev.palo.model.nn.ParameterFactory;
import java.util.Map;

/**
 * MobileVLM's lightweight downsample projector (v1, used by MobilePALO-1.7B): MLP, reshape to the
 * g×g grid, an inverted residual at stride 1 and one at stride 2 → ⌈g/2⌉² tokens.
 */
final class LdpProjector implements Projector {
    private final GeluMlp mlp;
    private final InvertedResidual sameResolution;
    private final InvertedResidual downsample;

    LdpProjector(ParameterFactory factory, int mmHidden, int hidden) {
        this.mlp = new GeluMlp(factory, mmHidden, hidden, 2, 1);
        this.sameResolution = new InvertedResidual(factory, hidden, 1);
        this.downsample = new InvertedResidual(factory, hidden, 2);
    }

    @Override
    public NDArray forward(ParameterStore ps, NDArray features, boolean training) {
        TokenGrid.side((int) features.getShape().get(1), "ldp");
        NDArray map = TokenGrid.toMap(mlp.forward(ps, features, training));
        map = downsample.forward(ps, sameResolution.forward(ps, map, training), training);
        return TokenGrid.toTokens(map);
    }

    @Override
    public int outputTokens(int inputTokens) {
        int half = (TokenGrid.side(inputTokens, "ldp") + 1) / 2;
        return half * half;
    }

    @Override
    public void collectParameters(String prefix, Map<String, Parameter> into) {
        mlp.collectParameters(prefix + "model.mlp.", into);
        sameResolution.collectParameters(prefix + "model.mb_block.1.", into);
        downsample.collectParameters(prefix + "model.mb_block.2.", into);
    }
}
