package dev.palo.model.lm;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;

/**
 * Additive attention bias and position ids from a padding mask, for left or right padding.
 *
 * <p>A query at absolute index i of sample b may see key j when j ≤ i and mask[b][j] = 1, and
 * always itself: a padding query then attends only to itself, so no row is empty (no NaN) and
 * even padding outputs stay causal; real queries still never see padding keys. Masked scores get a
 * large finite negative value. Positions count real tokens only
 * (cumsum(mask) − 1), so a left-padded prompt gets the same rotary angles as an unpadded one.
 */
final class AttentionBias {
    static final float MASKED = -1e9f;

    private AttentionBias() {}

    /**
     * @param mask [B][past + T] with 1 for real tokens
     * @return [B, 1, T, past + T] float32
     */
    static NDArray bias(NDManager manager, long[][] mask, int queries) {
        int batch = mask.length;
        int keys = mask[0].length;
        int past = keys - queries;
        float[] values = new float[batch * queries * keys];
        for (int b = 0; b < batch; b++) {
            for (int i = 0; i < queries; i++) {
                int row = (b * queries + i) * keys;
                for (int j = 0; j < keys; j++) {
                    boolean visible = j < past + i && mask[b][j] != 0 || j == past + i;
                    values[row + j] = visible ? 0f : MASKED;
                }
            }
        }
        return manager.create(values, new Shape(batch, 1, queries, keys));
    }

    /** int64 [B, T] positions of the last {@code queries} tokens. */
    static NDArray positions(NDManager manager, long[][] mask, int queries) {
        int batch = mask.length;
        int keys = mask[0].length;
        long[] positions = new long[batch * queries];
        for (int b = 0; b < batch; b++) {
            long seen = 0;
            for (int j = 0; j < keys; j++) {
                seen += mask[b][j] != 0 ? 1 : 0;
                if (j >= keys - queries) {
                    positions[b * queries + j - (keys - queries)] = Math.max(seen - 1, 0);
                }
            }
        }
        return manager.create(positions, new Shape(batch, queries));
    }
}
