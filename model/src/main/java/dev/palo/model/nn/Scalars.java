package dev.palo.model.nn;

import ai.djl.ndarray.NDArray;

/**
 * Scalar operands as tensors owned by the activation's manager.
 *
 * <p>DJL's {@code mul(Number)}-style overloads wrap the number in a tensor over Java memory that
 * can be freed before backward, corrupting gradients after a GC (see FACTS). Creating the scalar
 * in the activation's manager keeps it alive as long as the step that uses it.
 */
public final class Scalars {
    private Scalars() {}

    /** A 0-d tensor holding {@code value}, in the manager, device and dtype of {@code like}. */
    public static NDArray of(NDArray like, float value) {
        NDArray scalar = like.getManager().create(value);
        return scalar.getDataType() == like.getDataType() ? scalar : scalar.toType(like.getDataType(), false);
    }

    public static NDArray mul(NDArray x, float value) {
        return x.mul(of(x, value));
    }

    public static NDArray add(NDArray x, float value) {
        return x.add(of(x, value));
    }

    public static NDArray div(NDArray x, float value) {
        return x.div(of(x, value));
    }
}
