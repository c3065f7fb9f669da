package dev.palo.model.lm;

import ai.djl.ndarray.NDArray;

/**
 * Keys and values of past tokens per decoder layer, [B, kvHeads, Tpast, headDim].
 *
 * <p>Memory: each append moves the joined arrays to the manager of the new step's keys. The
 * previous step's manager then owns only dead arrays, so the caller closes it once the next step
 * is done (one sub-manager per generation step).
 */
public final class KvCache {
    private final NDArray[] keys;
    private final NDArray[] values;

    public KvCache(int layers) {
        this.keys = new NDArray[layers];
        this.values = new NDArray[layers];
    }

    /** Tokens already cached (0 before the first forward). */
    public long length() {
        return keys[0] == null ? 0 : keys[0].getShape().get(2);
    }

    /** Appends this step's keys and values; returns the full {keys, values} including the past. */
    NDArray[] append(int layer, NDArray newKeys, NDArray newValues) {
        keys[layer] = join(keys[layer], newKeys);
        values[layer] = join(values[layer], newValues);
        return new NDArray[] {keys[layer], values[layer]};
    }

    private static NDArray join(NDArray past, NDArray fresh) {
        if (past == null) {
            return fresh;
        }
        NDArray joined = past.concat(fresh, 2);
        joined.attach(fresh.getManager());
        return joined;
    }
}
