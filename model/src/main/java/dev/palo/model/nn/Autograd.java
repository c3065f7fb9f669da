package dev.palo.model.nn;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.jni.JniUtils;

import java.util.function.Supplier;

/**
 * PyTorch's autograd mode is per thread and on by default in threads it has not seen (a worker's activity threads):
 * the optimizer's in-place parameter updates then fail, and inference records graphs it never uses. Training turns
 * it on only while it records a forward pass, so training and generation switch it off for the calling thread first.
 * DJL's GradientCollector allows one per process; recording per thread lets two threads of one step each record and
 * back-propagate their own micro-batches.
 */
public final class Autograd {
    private Autograd() {
    }

    public static void offForThisThread() {
        Engine.getInstance(); // loads the native library the JNI call needs
        JniUtils.setGradMode(false);
    }

    /** Runs {@code forward} with autograd recording on for the calling thread only, and off again after. */
    public static <T> T recordingForThisThread(Supplier<T> forward) {
        Engine.getInstance();
        JniUtils.setGradMode(true);
        try {
            return forward.get();
        } finally {
            JniUtils.setGradMode(false);
        }
    }

    /** Back-propagates a recorded scalar, adding into the gradients of the parameters it depends on. */
    public static void backward(NDArray loss) {
        JniUtils.backward((PtNDArray) loss, (PtNDArray) loss.onesLike(), false, false);
    }
}
