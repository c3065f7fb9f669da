package dev.palo.model.bench;

import dev.palo.model.Constants;
import dev.palo.model.train.TrainingDataset;
import dev.palo.model.train.TrainingSample;

import java.util.SplittableRandom;

/** Benchmark data: bos, the image placeholder, then random supervised text, with a random image. */
final class SyntheticSamples implements TrainingDataset {
    private final TrainingSample[] samples;

    SyntheticSamples(int count, int textTokens, int vocab, int imagePixels, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        samples = new TrainingSample[count];
        for (int i = 0; i < count; i++) {
            long[] ids = new long[textTokens + 2];
            long[] labels = new long[ids.length];
            ids[0] = 1;
            ids[1] = Constants.IMAGE_TOKEN_INDEX;
            labels[0] = Constants.IGNORE_INDEX;
            labels[1] = Constants.IGNORE_INDEX;
            for (int t = 2; t < ids.length; t++) {
                ids[t] = 3 + random.nextInt(vocab - 3);
                labels[t] = ids[t];
            }
            float[] image = new float[imagePixels];
            for (int p = 0; p < imagePixels; p++) {
                image[p] = (float) random.nextGaussian();
            }
            samples[i] = new TrainingSample(ids, labels, image);
        }
    }

    @Override
    public int size() {
        return samples.length;
    }

    @Override
    public TrainingSample get(int index) {
        return samples[index];
    }
}
