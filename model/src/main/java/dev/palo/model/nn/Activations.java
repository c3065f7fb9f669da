package dev.palo.model.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Activation;

/** Activations the PALO family uses, built only from tensor-scalar ops that are safe for backward. */
public final class Activations {
    private Activations() {}

    /** Exact (erf) GELU, torch.nn.GELU's default. */
    public static NDArray gelu(NDArray x) {
        return Activation.gelu(x);
    }

    /** CLIP's quick GELU: x · sigmoid(1.702 x). */
    public static NDArray quickGelu(NDArray x) {
        return x.mul(Activation.sigmoid(Scalars.mul(x, 1.702f)));
    }

    /** SiLU (swish with β = 1), the gate activation of Llama's MLP. */
    public static NDArray silu(NDArray x) {
        return x.mul(Activation.sigmoid(x));
    }

    /** MobileNetV3's hard sigmoid: relu6(x + 3) / 6. */
    public static NDArray hardSigmoid(NDArray x) {
        return Scalars.div(Scalars.add(x, 3f).clip(0, 6), 6f);
    }

    /** MobileNetV3's hard swish: x · hardSigmoid(x). */
    public static NDArray hardSwish(NDArray x) {
        return x.mul(hardSigmoid(x));
    }
}
