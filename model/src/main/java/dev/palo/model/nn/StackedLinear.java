package dev.palo.model.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;

/**
 * Several bias-free linears of one input as a single one: their weights stacked on the output axis
 * once for a run of forwards (one generate() call), so that each forward makes one matmul call
 * where it made several, and the caller splits the output. Each output column is the dot product
 * its own linear computes. Only for linears without bias or adapter ({@link Linear#isPlain()}).
 */
public final class StackedLinear {
    private final NDArray weight;

    private StackedLinear(NDArray weight) {
        this.weight = weight;
    }

    /**
     * @param manager owns the stacked weight (the parameters' own manager would keep it for the
     *     model's lifetime)
     * @param weights [out_i, in] each, in the order their outputs come out
     */
    public static StackedLinear of(NDManager manager, NDArray... weights) {
        NDArray stacked = NDArrays.concat(new NDList(weights), 0);
        stacked.attach(manager);
        return new StackedLinear(stacked);
    }

    /** x [..., in] → [..., Σ out_i], in the manager of {@code x}. */
    public NDArray forward(NDArray x) {
        return ai.djl.nn.core.Linear.linear(x, weight).head();
    }
}
