package dev.palo.model.nn;

import ai.djl.ndarray.NDArray;

/** softmax(q·kᵀ/√d + bias)·v over [B, heads, T, d] tensors. */
public final class ScaledDotProductAttention {
    private ScaledDotProductAttention() {}

    /**
     * @param additiveBias null, or a tensor broadcastable to [B, heads, Tq, Tk] holding 0 where
     *     attention is allowed and a large negative number where it is not
     */
    public static NDArray compute(NDArray q, NDArray k, NDArray v, NDArray additiveBias) {
        float scale = (float) (1.0 / Math.sqrt(q.getShape().get(3)));
        NDArray scores = Scalars.mul(q, scale).matMul(k.transpose(0, 1, 3, 2));
        if (additiveBias != null) {
            scores = scores.add(additiveBias);
        }
        return scores.softmax(-1).matMul(v);
    }

    /** [B, T, heads·d] → [B, heads, T, d]. */
    public static NDArray splitHeads(NDArray x, long heads) {
        long b = x.getShape().get(0);
        long t = x.getShape().get(1);
        return x.reshape(b, t, heads, -1).transpose(0, 2, 1, 3);
    }

    /** [B, heads, T, d] → [B, T, heads·d]. */
    public static NDArray mergeHeads(NDArray x) {
        long b = x.getShape().get(0);
        long t = x.getShape().get(2);
        return x.transpose(0, 2, 1, 3).reshape(b, t, -1);
    }
}
