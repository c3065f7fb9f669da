package dev.palo.model.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import dev.palo.model.Constants;

import java.util.Arrays;
import java.util.List;

/**
 * A right-padded micro-batch in a step's manager: ids padded with the pad id, labels with
 * IGNORE_INDEX, attention mask 1 on real tokens; images [B, C, S, S] (zeros for samples without one)
 * or null when no sample has an image.
 */
public record Batch(NDArray inputIds, NDArray labels, NDArray attentionMask, NDArray images, long tokens) {

    public static Batch collate(List<TrainingSample> samples, long padId, int channels, int imageSize, NDManager step) {
        int size = samples.size();
        int length = samples.stream().mapToInt(s -> s.inputIds().length).max().orElseThrow();
        long[] ids = new long[size * length];
        long[] labels = new long[size * length];
        long[] mask = new long[size * length];
        Arrays.fill(ids, padId);
        Arrays.fill(labels, Constants.IGNORE_INDEX);
        long tokens = 0;
        boolean anyImage = samples.stream().anyMatch(s -> s.image() != null);
        int pixels = channels * imageSize * imageSize;
        float[] images = anyImage ? new float[size * pixels] : null;
        for (int b = 0; b < size; b++) {
            TrainingSample sample = samples.get(b);
            int n = sample.inputIds().length;
            System.arraycopy(sample.inputIds(), 0, ids, b * length, n);
            System.arraycopy(sample.labels(), 0, labels, b * length, n);
            Arrays.fill(mask, b * length, b * length + n, 1);
            tokens += n;
            if (sample.image() != null) {
                if (sample.image().length != pixels) {
                    throw new IllegalArgumentException("sample image has " + sample.image().length + " values, the model needs "
                            + channels + "x" + imageSize + "x" + imageSize + " = " + pixels);
                }
                System.arraycopy(sample.image(), 0, images, b * pixels, pixels);
            }
        }
        Shape shape = new Shape(size, length);
        return new Batch(step.create(ids, shape), step.create(labels, shape), step.create(mask, shape),
                anyImage ? step.create(images, new Shape(size, channels, imageSize, imageSize)) : null, tokens);
    }
}
