package dev.palo.model.base;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import dev.palo.model.nn.Activations;
import dev.palo.model.nn.Linear;
import dev.palo.model.nn.Module;
import dev.palo.model.nn.ParameterFactory;
import java.util.Map;

/**
 * A small MLP that reads every attribute slot from each patch token on its own, so whatever a slot asks (where
 * the token is, what object shares its cell) must be in that token: the features a projector reads downstream.
 * Used only while training the tower, never saved in the bundle.
 */
final class AttributeHead implements Module {
    private final Linear hidden;
    private final Linear output;

    AttributeHead(ParameterFactory factory, int features, AttributeSlots slots) {
        this.hidden = Linear.create(factory, features, features, true, 0.02f);
        this.output = Linear.create(factory, features, slots.totalClasses(), true, 0.02f);
    }

    /** features [B, N, H] → logits [B, N, total classes]; slot s owns its own class range. */
    NDArray forward(ParameterStore ps, NDArray features, boolean training) {
        return output.forward(ps, Activations.gelu(hidden.forward(ps, features, training)), training);
    }

    @Override
    public void collectParameters(String prefix, Map<String, Parameter> into) {
        hidden.collectParameters(prefix + "hidden.", into);
        output.collectParameters(prefix + "output.", into);
    }
}
