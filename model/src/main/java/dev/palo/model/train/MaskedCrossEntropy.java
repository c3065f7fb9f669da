package dev.palo.model.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import dev.palo.model.Constants;

/**
 * Causal-LM loss as HF's LlamaForCausalLM computes it: logits at t predict the label at t + 1;
 * cross-entropy over positions whose label is not IGNORE_INDEX, averaged over those tokens.
 * Scalars are tensors in the labels' manager (the step's), never Java numbers (see FACTS).
 */
public final class MaskedCrossEntropy {

    private MaskedCrossEntropy() {
    }

    /** Mean loss (0-d) and the number of supervised tokens. */
    public record Loss(NDArray value, long supervisedTokens) {
    }

    /** {@code logits} [B, T, V], {@code labels} [B, T] int64 aligned with the logits (unshifted). */
    public static Loss compute(NDArray logits, NDArray labels) {
        var step = labels.getManager();
        NDArray shiftedLogits = logits.get(new NDIndex(":, :-1, :"));
        NDArray shiftedLabels = labels.get(new NDIndex(":, 1:"));
        NDArray ignore = step.create(Constants.IGNORE_INDEX);
        NDArray supervised = shiftedLabels.neq(ignore);
        NDArray safeLabels = shiftedLabels.mul(supervised.toType(DataType.INT64, false));
        NDArray logProbabilities = shiftedLogits.logSoftmax(-1);
        NDArray picked = logProbabilities.gather(safeLabels.expandDims(-1), -1).squeeze(-1);
        NDArray weights = supervised.toType(DataType.FLOAT32, false);
        long count = (long) weights.sum().getFloat();
        NDArray denominator = step.create((float) Math.max(1, count));
        NDArray loss = picked.mul(weights).sum().neg().div(denominator);
        return new Loss(loss, count);
    }
}
