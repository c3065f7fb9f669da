package dev.palo.workflows.basemodel;

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
        return new BaseModelSettings("mini", 2048, 1, 16, 2e-3, 128, 25, 2, 32, 5e-3, 42);
    }
}
