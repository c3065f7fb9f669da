package dev.palo.workflows.basemodel;

import dev.palo.workflows.training.TrainingSettings;

/**
 * The architecture and recipes of the base models; part of the stage's cache key.
 *
 * @param preset             model/'s preset name, e.g. {@code mini}
 * @param vocabSize          BPE vocabulary trained on the corpus
 * @param lmEpochs           passes over the corpus
 * @param lmBatchSize        samples per optimizer step, each consecutive corpus lines packed up to maxLength tokens
 * @param lmLearningRate     peak learning rate of the LM
 * @param maxLength          tokens per packed sample (a longer line is cut there)
 * @param checkpointEvery    LM steps between checkpoints written to the object store
 * @param visionEpochs       passes over the images
 * @param visionBatchSize    images per step
 * @param visionLearningRate peak learning rate of the vision tower
 * @param seed               initial weights and data order
 */
public record BaseModelSettings(String preset, int vocabSize, double lmEpochs, int lmBatchSize, double lmLearningRate,
                                int maxLength, int checkpointEvery, double visionEpochs, int visionBatchSize,
                                double visionLearningRate, long seed) {

    /**
     * The {@code mini} preset on PALO-mini {@code demo} (20,000 corpus lines, ~3,300 images): one pass over the
     * corpus in batches of 16 packed 128-token samples, two over the images in batches of 32, a vocabulary of 2,048
     * (with 1,024, 460 merges were left after the ten scripts' characters, most spent on English: Hindi bench answers
     * came to 0.86 characters a token, Arabic 0.96, French 3.1).
     */
    public static BaseModelSettings mini() {
        return builder().vocabSize(2048).maxLength(128).checkpointEvery(25)
                .lmEpochs(1).lmBatchSize(16).lmLearningRate(2e-3)
                .visionEpochs(2).visionBatchSize(32).visionLearningRate(5e-3).build();
    }

    /** Every field by name, starting from the {@code mini} preset name and the platform's seed. */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder holding these settings, to change some of them by name. */
    public Builder toBuilder() {
        return new Builder().preset(preset).vocabSize(vocabSize).maxLength(maxLength).checkpointEvery(checkpointEvery)
                .lmEpochs(lmEpochs).lmBatchSize(lmBatchSize).lmLearningRate(lmLearningRate)
                .visionEpochs(visionEpochs).visionBatchSize(visionBatchSize).visionLearningRate(visionLearningRate)
                .seed(seed);
    }

    /** Named fields for {@link BaseModelSettings}; the meaning of each is the record's. */
    public static final class Builder {
        private String preset = "mini";
        private int vocabSize;
        private int maxLength;
        private int checkpointEvery;
        private double lmEpochs;
        private int lmBatchSize;
        private double lmLearningRate;
        private double visionEpochs;
        private int visionBatchSize;
        private double visionLearningRate;
        private long seed = TrainingSettings.DEFAULT_SEED;

        private Builder() {
        }

        public Builder preset(String name) { preset = name; return this; }

        public Builder vocabSize(int tokens) { vocabSize = tokens; return this; }

        public Builder maxLength(int tokens) { maxLength = tokens; return this; }

        public Builder checkpointEvery(int lmSteps) { checkpointEvery = lmSteps; return this; }

        public Builder lmEpochs(double passes) { lmEpochs = passes; return this; }

        public Builder lmBatchSize(int samples) { lmBatchSize = samples; return this; }

        public Builder lmLearningRate(double rate) { lmLearningRate = rate; return this; }

        public Builder visionEpochs(double passes) { visionEpochs = passes; return this; }

        public Builder visionBatchSize(int images) { visionBatchSize = images; return this; }

        public Builder visionLearningRate(double rate) { visionLearningRate = rate; return this; }

        public Builder seed(long value) { seed = value; return this; }

        public BaseModelSettings build() {
            return new BaseModelSettings(preset, vocabSize, lmEpochs, lmBatchSize, lmLearningRate, maxLength,
                    checkpointEvery, visionEpochs, visionBatchSize, visionLearningRate, seed);
        }
    }
}
