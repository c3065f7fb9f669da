package dev.palo.model.nn;

import ai.djl.ndarray.NDArray;

import java.util.SplittableRandom;

/**
 * Dropout drawn from a generator of the calling thread, which the trainer seeds for each micro-batch. PyTorch's
 * generator is process-wide: two threads drawing from it would interleave unpredictably, and a resumed run could
 * not draw the same masks again.
 */
public final class DropoutMasks {
    private static final ThreadLocal<SplittableRandom> RANDOM = new ThreadLocal<>();

    private DropoutMasks() {
    }

    public static void seedForThisThread(long seed) {
        RANDOM.set(new SplittableRandom(seed));
    }

    /** Zeroes each entry with probability {@code rate} and scales the others by 1 / (1 - rate), as torch's dropout. */
    public static NDArray apply(NDArray x, float rate) {
        SplittableRandom random = RANDOM.get();
        if (random == null) {
            throw new IllegalStateException("dropout in training needs DropoutMasks.seedForThisThread first");
        }
        float kept = 1f / (1f - rate);
        float[] mask = new float[Math.toIntExact(x.size())];
        for (int i = 0; i < mask.length; i++) {
            mask[i] = random.nextFloat() < rate ? 0f : kept;
        }
        return x.mul(x.getManager().create(mask, x.getShape()));
    }
}
