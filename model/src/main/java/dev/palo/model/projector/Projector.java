package dev.palo.model.projector;

import ai.djl.ndarray.NDArray;
import ai.djl.training.ParameterStore;
import dev.palo.model.nn.Module;

/** Maps vision features [B, N, mm_hidden] into the language model's space [B, N', hidden]. */
public interface Projector extends Module {
    NDArray forward(ParameterStore ps, NDArray features, boolean training);

    /** N' for N input tokens; throws when the projector cannot take N tokens. */
    int outputTokens(int inputTokens);
}
