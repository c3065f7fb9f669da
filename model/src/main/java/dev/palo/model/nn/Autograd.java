package dev.palo.model.nn;

import ai.djl.engine.Engine;
import ai.djl.pytorch.jni.JniUtils;

/**
 * PyTorch's autograd mode is per thread and on by default in threads it has not seen (a worker's activity threads):
 * the optimizer's in-place parameter updates then fail, and inference records graphs it never uses. Training turns
 * it on only inside its gradient collector, so training and generation switch it off for the calling thread first.
 */
public final class Autograd {
    private Autograd() {
    }

    public static void offForThisThread() {
        Engine.getInstance(); // loads the native library the JNI call needs
        JniUtils.setGradMode(false);
    }
}
