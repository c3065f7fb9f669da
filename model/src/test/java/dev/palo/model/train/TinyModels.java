package dev.palo.model.train;

import ai.djl.nn.Parameter;
import dev.palo.model.Constants;
import dev.palo.model.PaloConfig;
import dev.palo.model.lm.LmConfig;
import dev.palo.model.vision.VisionConfig;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/** A tiny multimodal architecture and synthetic samples, small enough for many fast training steps. */
public final class TinyModels {
    public static final int VOCAB = 64;
    public static final long PAD = 0;

    private TinyModels() {
    }

    /** 16 px images in 8 px patches (4 image tokens), a 1-layer ViT and a 2-layer LM of width 32. */
    public static PaloConfig config() {
        return new PaloConfig(new VisionConfig(32, 64, 2, 2, 16, 8, 3, 1e-5f), "mlp2x_gelu",
                new LmConfig(VOCAB, 32, 64, 2, 4, 2, 128, 10000.0, 1e-5f, false), null,
                PaloConfig.DEFAULT_SELECT_LAYER, PaloConfig.DEFAULT_SELECT_FEATURE);
    }

    /**
     * {@code count} samples of bos, image placeholder, then random text; the first text token is
     * unsupervised like a prompt. Every other sample has no image, so batches mix both kinds.
     */
    public static TrainingDataset dataset(int count, int textLength, int imagePixels, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        List<TrainingSample> samples = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            boolean withImage = i % 2 == 0;
            int length = textLength + (withImage ? 2 : 1) - random.nextInt(2);
            long[] ids = new long[length];
            long[] labels = new long[length];
            ids[0] = 1;
            labels[0] = Constants.IGNORE_INDEX;
            int start = 1;
            if (withImage) {
                ids[1] = Constants.IMAGE_TOKEN_INDEX;
                labels[1] = Constants.IGNORE_INDEX;
                start = 2;
            }
            for (int t = start; t < length; t++) {
                ids[t] = 3 + random.nextInt(VOCAB - 3);
                labels[t] = t == start ? Constants.IGNORE_INDEX : ids[t];
            }
            float[] image = null;
            if (withImage) {
                image = new float[imagePixels];
                for (int p = 0; p < imagePixels; p++) {
                    image[p] = (float) random.nextGaussian();
                }
            }
            samples.add(new TrainingSample(ids, labels, image));
        }
        return listDataset(samples);
    }

    public static TrainingDataset listDataset(List<TrainingSample> samples) {
        return TrainingDataset.of(samples);
    }

    /** Copies of every parameter's values, to compare bit for bit later. */
    public static Map<String, float[]> snapshot(Map<String, Parameter> parameters) {
        Map<String, float[]> copy = new LinkedHashMap<>();
        parameters.forEach((name, p) -> copy.put(name, p.getArray().toFloatArray()));
        return copy;
    }
}
