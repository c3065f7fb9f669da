package dev.palo.model.lm;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;

/** Llama's rotary position embedding in HF's half-split ("rotate_half") layout. */
final class RotaryEmbedding {
    /** cos and sin tables [B, 1, T, headDim] for the given positions. */
    record Tables(NDArray cos, NDArray sin) {}

    private final float[] inverseFrequencies;

    RotaryEmbedding(int headDim, double theta) {
        inverseFrequencies = new float[headDim / 2];
        for (int i = 0; i < inverseFrequencies.length; i++) {
            inverseFrequencies[i] = (float) (1.0 / Math.pow(theta, (2.0 * i) / headDim));
        }
    }

    /** @param positions int64 [B, T] */
    Tables tables(NDArray positions) {
        NDArray frequencies = positions.getManager().create(inverseFrequencies);
        NDArray angles = positions.toType(frequencies.getDataType(), false).expandDims(-1).mul(frequencies);
        NDArray doubled = NDArrays.concat(new NDList(angles, angles), -1).expandDims(1);
        return new Tables(doubled.cos(), doubled.sin());
    }

    /** x [B, heads, T, headDim] rotated by the tables' angles. */
    static NDArray apply(NDArray x, Tables tables) {
        // one split returns both halves as views; two get(NDIndex) calls made four native calls
        NDList halves = x.split(2, 3);
        NDArray rotated = NDArrays.concat(new NDList(halves.get(1).neg(), halves.get(0)), -1);
        return x.mul(tables.cos()).add(rotated.mul(tables.sin()));
    }
}
