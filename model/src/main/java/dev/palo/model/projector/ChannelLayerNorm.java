package dev.palo.model.projector;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import dev.palo.model.nn.FeatureLayerNorm;
import dev.palo.model.nn.Module;
import dev.palo.model.nn.ParameterFactory;
import java.util.Map;

/** timm's LayerNorm2d: LayerNorm over the channel axis of an NCHW map, per spatial position. */
final class ChannelLayerNorm implements Module {
    private final FeatureLayerNorm norm;

    ChannelLayerNorm(ParameterFactory factory, int channels) {
        this.norm = new FeatureLayerNorm(factory, channels, 1e-5f);
    }

    NDArray forward(ParameterStore ps, NDArray map, boolean training) {
        return norm.forward(ps, map.transpose(0, 2, 3, 1), training).transpose(0, 3, 1, 2);
    }

    @Override
    public void collectParameters(String prefix, Map<String, Parameter> into) {
        norm.collectParameters(prefix, into);
    }
}
