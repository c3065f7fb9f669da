package dev.palo.model.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;

import java.util.LinkedHashMap;
import java.util.List;

/** The trainable parameters' gradients of one step: global norm, clipping, zeroing. */
final class Gradients {
    /** torch.nn.utils.clip_grad_norm_ adds this to the norm before dividing. */
    private static final double CLIP_EPSILON = 1e-6;

    private final LinkedHashMap<String, NDArray> byName = new LinkedHashMap<>();

    /** Gradient handles of every group parameter, owned by {@code step} so they are released with it. */
    Gradients(List<ParameterGroup> groups, NDManager step) {
        for (ParameterGroup group : groups) {
            for (var e : group.parameters().entrySet()) {
                NDArray gradient = e.getValue().getArray().getGradient();
                gradient.attach(step);
                byName.put(e.getKey(), gradient);
            }
        }
    }

    LinkedHashMap<String, NDArray> byName() {
        return byName;
    }

    /** sqrt of the sum of squares over all gradients; NaN or infinite if any entry is. */
    double globalNorm() {
        double sumOfSquares = 0;
        for (NDArray g : byName.values()) {
            sumOfSquares += g.square().sum().getFloat();
        }
        return Math.sqrt(sumOfSquares);
    }

    /** Scales all gradients by maxNorm / (norm + 1e-6) when that is below 1, as HF's Trainer does. */
    void clip(double norm, double maxNorm, NDManager step) {
        double coefficient = maxNorm / (norm + CLIP_EPSILON);
        if (coefficient < 1) {
            NDArray scale = step.create((float) coefficient);
            byName.values().forEach(g -> g.muli(scale));
        }
    }

    /** Adds {@code other}'s gradients (same parameter names) into these, in place. */
    void add(Gradients other) {
        byName.forEach((name, g) -> g.addi(other.byName.get(name)));
    }

    /** Sets every gradient to exactly 0 (assignment, so NaN and Inf are cleared too). */
    void zero() {
        byName.values().forEach(g -> g.set(new NDIndex("..."), 0f));
    }

}
