package dev.palo.model.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.training.ParameterStore;
import java.util.Map;

/** Square-kernel 2-D convolution over NCHW, PyTorch layout and PyTorch's default initialisation. */
public final class Conv2dLayer implements Module {
    private final Parameter weight;
    private final Parameter bias;
    private final int stride;
    private final int padding;
    private final int groups;

    public Conv2dLayer(
            ParameterFactory factory, int in, int out, int kernel, int stride, int padding, int groups, boolean withBias) {
        long fanIn = (long) (in / groups) * kernel * kernel;
        float bound = (float) (1.0 / Math.sqrt(fanIn));
        this.weight = factory.uniform("weight", bound, out, in / groups, kernel, kernel);
        this.bias = withBias ? factory.uniform("bias", bound, out) : null;
        this.stride = stride;
        this.padding = padding;
        this.groups = groups;
    }

    public NDArray forward(ParameterStore ps, NDArray x, boolean training) {
        NDArray w = ParameterValues.of(ps, weight, x, training);
        NDArray b = bias == null ? null : ParameterValues.of(ps, bias, x, training);
        return Conv2d.conv2d(
                        x, w, b, new Shape(stride, stride), new Shape(padding, padding), new Shape(1, 1), groups)
                .head();
    }

    @Override
    public void collectParameters(String prefix, Map<String, Parameter> into) {
        into.put(prefix + "weight", weight);
        if (bias != null) {
            into.put(prefix + "bias", bias);
        }
    }
}
