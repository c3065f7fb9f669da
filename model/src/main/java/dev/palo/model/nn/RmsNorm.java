package dev.palo.model.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import java.util.Map;

/** Llama's RMSNorm over the last axis: x / sqrt(mean(x²) + eps) · weight (DJL has none). */
public final class RmsNorm implements Module {
    private final Parameter weight;
    private final float eps;

    public RmsNorm(ParameterFactory factory, long size, float eps) {
        this.weight = factory.constant("weight", 1f, size);
        this.eps = eps;
    }

    public NDArray forward(ParameterStore ps, NDArray x, boolean training) {
        return forward(ps, x, null, training);
    }

    /** @param epsilon null, or {@link #epsilon} made once for many forwards (one generate() call) */
    public NDArray forward(ParameterStore ps, NDArray x, NDArray epsilon, boolean training) {
        NDArray meanSquare = x.square().mean(new int[] {-1}, true);
        NDArray shifted = epsilon == null ? Scalars.add(meanSquare, eps) : meanSquare.add(epsilon);
        NDArray normalised = x.div(shifted.sqrt());
        return normalised.mul(ParameterValues.of(ps, weight, x, training));
    }

    /** This norm's epsilon as a 0-d tensor in the manager, device and dtype of {@code like}. */
    public NDArray epsilon(NDArray like) {
        return Scalars.of(like, eps);
    }

    @Override
    public void collectParameters(String prefix, Map<String, Parameter> into) {
        into.put(prefix + "weight", weight);
    }
}
