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
        return compute(q, k, v, additiveBias, null);
    }

    /** @param scale null, or {@link #scale} made once for many calls (one generate() call) */
    public static NDArray compute(NDArray q, NDArray k, NDArray v, NDArray additiveBias, NDArray scale) {
        NDArray scaled = scale == null ? Scalars.mul(q, scale(q.getShape().get(3))) : q.mul(scale);
        NDArray scores = scaled.matMul(k.transpose(0, 1, 3, 2));
        if (additiveBias != null) {
            scores = scores.add(additiveBias);
        }
        return scores.softmax(-1).matMul(v);
    }

    /** 1/√d as a 0-d tensor in the manager, device and dtype of {@code like}. */
    public static NDArray scale(NDArray like, long headDim) {
        return Scalars.of(like, scale(headDim));
    }

    private static float scale(long headDim) {
        return (float) (1.0 / Math.sqrt(headDim));
    }

    /** [B, T, heads·d] → [B, heads, T, d]. */
    public static NDArray splitHeads(NDArray x, long heads) {
        long b = x.getShape().get(0);
        long t = x.getShape().get(1);
        // one token (a decode step): the same values in the same memory order, one native call less
        return t == 1 ? x.reshape(b, heads, 1, -1) : x.reshape(b, t, heads, -1).transpose(0, 2, 1, 3);
    }

    /** [B, heads, T, d] → [B, T, heads·d]. */
    public static NDArray mergeHeads(NDArray x) {
        long b = x.getShape().get(0);
        long t = x.getShape().get(2);
        return t == 1 ? x.reshape(b, 1, -1) : x.transpose(0, 2, 1, 3).reshape(b, t, -1);
    }
}
