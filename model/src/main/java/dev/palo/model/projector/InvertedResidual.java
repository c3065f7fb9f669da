package dev.palo.model.projector;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import dev.palo.model.nn.Activations;
import dev.palo.model.nn.Conv2dLayer;
import dev.palo.model.nn.Module;
import dev.palo.model.nn.ParameterFactory;
import java.util.Map;

/**
 * MobileNetV3 inverted residual without expansion (expanded = input channels, as in LDP):
 * depthwise 3×3 (stride s) + LayerNorm + Hardswish, squeeze-excite, 1×1 projection + LayerNorm;
 * the input is added back only when s = 1. Names follow torchvision ({@code block.0.0.weight}...).
 */
final class InvertedResidual implements Module {
    private final Conv2dLayer depthwise;
    private final ChannelLayerNorm depthwiseNorm;
    private final SqueezeExcite squeezeExcite;
    private final Conv2dLayer pointwise;
    private final ChannelLayerNorm pointwiseNorm;
    private final boolean residual;

    InvertedResidual(ParameterFactory factory, int channels, int stride) {
        this.depthwise = new Conv2dLayer(factory, channels, channels, 3, stride, 1, channels, false);
        this.depthwiseNorm = new ChannelLayerNorm(factory, channels);
        this.squeezeExcite = new SqueezeExcite(factory, channels);
        this.pointwise = new Conv2dLayer(factory, channels, channels, 1, 1, 0, 1, false);
        this.pointwiseNorm = new ChannelLayerNorm(factory, channels);
        this.residual = stride == 1;
    }

    NDArray forward(ParameterStore ps, NDArray map, boolean training) {
        NDArray y = Activations.hardSwish(depthwiseNorm.forward(ps, depthwise.forward(ps, map, training), training));
        y = squeezeExcite.forward(ps, y, training);
        y = pointwiseNorm.forward(ps, pointwise.forward(ps, y, training), training);
        return residual ? y.add(map) : y;
    }

    @Override
    public void collectParameters(String prefix, Map<String, Parameter> into) {
        depthwise.collectParameters(prefix + "block.0.0.", into);
        depthwiseNorm.collectParameters(prefix + "block.0.1.", into);
        squeezeExcite.collectParameters(prefix + "block.1.", into);
        pointwise.collectParameters(prefix + "block.2.0.", into);
        pointwiseNorm.collectParameters(prefix + "block.2.1.", into);
    }
}
