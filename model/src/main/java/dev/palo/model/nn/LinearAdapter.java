package dev.palo.model.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.training.ParameterStore;

/** A trainable correction added to a frozen {@link Linear}'s output (LoRA). */
public interface LinearAdapter extends Module {
    /** The term added to the base layer's output for input x; null when nothing is added. */
    NDArray delta(ParameterStore ps, NDArray x, boolean training);
}
