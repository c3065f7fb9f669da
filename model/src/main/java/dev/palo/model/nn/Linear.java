package dev.palo.model.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import java.util.Map;

/**
 * Dense layer with PyTorch's layout: {@code weight} is [out, in], optional {@code bias} [out], and
 * an optional {@link LinearAdapter} whose parameters are named under the same prefix.
 */
public final class Linear implements Module {
    private final Parameter weight;
    private final Parameter bias;
    private LinearAdapter adapter;

    private Linear(Parameter weight, Parameter bias) {
        this.weight = weight;
        this.bias = bias;
    }

    /** Weights ~ N(0, std), bias zero (HF's init for Llama and CLIP linears). */
    public static Linear create(ParameterFactory factory, long in, long out, boolean withBias, float std) {
        Parameter w = factory.normal("weight", std, out, in);
        Parameter b = withBias ? factory.constant("bias", 0f, out) : null;
        return new Linear(w, b);
    }

    public Parameter weight() {
        return weight;
    }

    public long inFeatures() {
        return weight.getArray().getShape().get(1);
    }

    public long outFeatures() {
        return weight.getArray().getShape().get(0);
    }

    /** No bias and no adapter: the output is x·weightᵀ alone, so the weight can be stacked with others. */
    public boolean isPlain() {
        return bias == null && adapter == null;
    }

    public void setAdapter(LinearAdapter adapter) {
        if (this.adapter != null) {
            throw new IllegalStateException("this linear layer already has an adapter");
        }
        this.adapter = adapter;
    }

    public NDArray forward(ParameterStore ps, NDArray x, boolean training) {
        NDArray w = ParameterValues.of(ps, weight, x, training);
        NDArray b = bias == null ? null : ParameterValues.of(ps, bias, x, training);
        NDArray y = ai.djl.nn.core.Linear.linear(x, w, b).head();
        NDArray delta = adapter == null ? null : adapter.delta(ps, x, training);
        return delta == null ? y : y.add(delta);
    }

    @Override
    public void collectParameters(String prefix, Map<String, Parameter> into) {
        into.put(prefix + "weight", weight);
        if (bias != null) {
            into.put(prefix + "bias", bias);
        }
        if (adapter != null) {
            adapter.collectParameters(prefix, into);
        }
    }
}
