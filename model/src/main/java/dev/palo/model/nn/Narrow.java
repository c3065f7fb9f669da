package dev.palo.model.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.jni.JniUtils;

/**
 * torch.narrow: a view of {@code length} entries of one axis from {@code start}, in one native call.
 *
 * <p>DJL's {@code get(NDIndex)} parses the index string and makes two native calls (index, then a
 * reshape for the squeeze it may need); a decode step takes such views every token, so it goes
 * straight to libtorch's slice. The view belongs to the manager of {@code x}.
 */
public final class Narrow {
    private Narrow() {}

    public static NDArray of(NDArray x, int axis, long start, long length) {
        return JniUtils.slice((PtNDArray) x, axis, start, start + length, 1);
    }
}
