package dev.palo.model.projector;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Activation;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import dev.palo.model.nn.Activations;
import dev.palo.model.nn.Conv2dLayer;
import dev.palo.model.nn.Module;
import dev.palo.model.nn.ParameterFactory;
import java.util.Map;

/** torchvision's SqueezeExcitation with MobileNetV3's hard-sigmoid gate, as LDP configures it. */
public final class SqueezeExcite implements Module {
    private final Conv2dLayer fc1;
    private final Conv2dLayer fc2;

    SqueezeExcite(ParameterFactory factory, int channels) {
        int squeezed = squeezeChannels(channels);
        this.fc1 = new Conv2dLayer(factory, channels, squeezed, 1, 1, 0, 1, true);
        this.fc2 = new Conv2dLayer(factory, squeezed, channels, 1, 1, 0, 1, true);
    }

    /** MobileNetV3's _make_divisible(channels / 4, 8). */
    public static int squeezeChannels(int channels) {
        double target = channels / 4;
        int rounded = Math.max(8, (int) (target + 4) / 8 * 8);
        return rounded < 0.9 * target ? rounded + 8 : rounded;
    }

    NDArray forward(ParameterStore ps, NDArray map, boolean training) {
        NDArray pooled = map.mean(new int[] {3}, true).mean(new int[] {2}, true);
        NDArray gate = fc2.forward(ps, Activation.relu(fc1.forward(ps, pooled, training)), training);
        return map.mul(Activations.hardSigmoid(gate));
    }

    @Override
    public void collectParameters(String prefix, Map<String, Parameter> into) {
        fc1.collectParameters(prefix + "fc1.", into);
        fc2.collectParameters(prefix + "fc2.", into);
    }
}
