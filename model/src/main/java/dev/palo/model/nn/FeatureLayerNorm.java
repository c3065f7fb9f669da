package dev.palo.model.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.nn.norm.LayerNorm;
import ai.djl.training.ParameterStore;
import java.util.Map;

/**
 * LayerNorm over the last axis only, as torch.nn.LayerNorm(features) — DJL's LayerNorm block
 * without an axis would normalise over tokens and features together.
 */
public final class FeatureLayerNorm implements Module {
    private final Parameter weight;
    private final Parameter bias;
    private final long size;
    private final float eps;

    public FeatureLayerNorm(ParameterFactory factory, long size, float eps) {
        this.weight = factory.constant("weight", 1f, size);
        this.bias = factory.constant("bias", 0f, size);
        this.size = size;
        this.eps = eps;
    }

    public NDArray forward(ParameterStore ps, NDArray x, boolean training) {
        NDArray gamma = ParameterValues.of(ps, weight, x, training);
        NDArray beta = ParameterValues.of(ps, bias, x, training);
        return LayerNorm.layerNorm(x, new Shape(size), gamma, beta, eps).head();
    }

    @Override
    public void collectParameters(String prefix, Map<String, Parameter> into) {
        into.put(prefix + "weight", weight);
        into.put(prefix + "bias", bias);
    }
}
