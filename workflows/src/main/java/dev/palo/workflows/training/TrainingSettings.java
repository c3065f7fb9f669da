package dev.palo.workflows.training;

/**
 * How a training stage scales the released recipe (model/train's {@code TrainingConfig}) to a preset;
 * part of the stage's cache key. Learning rates, warmup and the cosine schedule stay the recipe's
 * unless {@code learningRate} overrides the base rate.
 *
 * @param epochs          passes over the training records (the recipe: 1)
 * @param globalBatchSize samples per optimizer step
 * @param microBatchSize  samples per forward pass (the global batch is accumulated from these)
 * @param modelMaxLength  tokens per sample before image tokens; longer samples are truncated
 * @param checkpointEvery optimizer steps between checkpoints written to the object store
 * @param seed            data order and dropout seed
 * @param learningRate    base learning rate, or null for the recipe's
 */
public record TrainingSettings(double epochs, int globalBatchSize, int microBatchSize, int modelMaxLength,
                               int checkpointEvery, long seed, Double learningRate) {
    /**
     * The {@code mini} preset's LoRA learning rate (the projector's is the recipe's 0.1 of it), chosen on the
     * validation bench with {@link LoraSettings#MINI_RANK}: 6e-3 at rank 16, a quarter of it at rank 64.
     */
    public static final double MINI_FINETUNE_LEARNING_RATE = 1.5e-3;
    /** The {@code mini} preset's passes over the fine-tune records (chosen on the validation bench with the rate). */
    public static final int MINI_FINETUNE_EPOCHS = 6;
    /** The released recipe's passes over the training records. */
    public static final double RECIPE_EPOCHS = 1;
    /** The seed of every preset, unless a study sets another. */
    public static final long DEFAULT_SEED = 42;

    public TrainingSettings {
        if (!(epochs > 0) || globalBatchSize < 1 || microBatchSize < 1 || modelMaxLength < 1 || checkpointEvery < 1) {
            throw new IllegalArgumentException("training settings need positive epochs, batch sizes, max length and"
                    + " checkpoint interval, got " + epochsAndSizes(epochs, globalBatchSize, microBatchSize,
                    modelMaxLength, checkpointEvery));
        }
        if (globalBatchSize % microBatchSize != 0) {
            throw new IllegalArgumentException("global batch " + globalBatchSize + " is not a multiple of the micro batch "
                    + microBatchSize);
        }
        if (learningRate != null && !(learningRate > 0)) {
            throw new IllegalArgumentException("learning rate must be positive, got " + learningRate);
        }
    }

    /**
     * Projector pretraining of the {@code mini} preset: one epoch of the captions in batches of 16
     * (PALO-mini demo: 2,000 captions, 125 steps), a checkpoint every 25 steps.
     */
    public static TrainingSettings pretrainMini() {
        return builder().batches(16, 16).modelMaxLength(64).checkpointEvery(25).build();
    }

    /**
     * LoRA fine-tuning of the {@code mini} preset: {@value #MINI_FINETUNE_EPOCHS} epochs at lr
     * {@value #MINI_FINETUNE_LEARNING_RATE} (with {@link LoraSettings#mini()}'s rank), the recipe chosen on PALO-mini's
     * validation bench by the PALO arm's content score (docs/experiment.md, "The fine-tune recipe, chosen on the
     * validation bench"; the code's one epoch at 2e-4 is set for a 7B model and leaves the 192-wide LM answering only in
     * English), in batches of 16 taken as 4 micro-batches of 4 (the trainer groups each batch's samples by length and
     * runs every other micro-batch in a second thread), samples up to 192 tokens, a checkpoint every 50 steps
     * (PALO-mini demo: 990 steps for the baseline arm, 2,614 for the PALO arm).
     */
    public static TrainingSettings finetuneMini() {
        return builder().epochs(MINI_FINETUNE_EPOCHS).batches(16, 4).modelMaxLength(192).checkpointEvery(50)
                .learningRate(MINI_FINETUNE_LEARNING_RATE).build();
    }

    /** The same settings for another number of epochs (a step-matched control's). */
    public TrainingSettings withEpochs(double newEpochs) {
        return toBuilder().epochs(newEpochs).build();
    }

    /** The same settings with another seed (a study's fine-tune seed). */
    public TrainingSettings withSeed(long newSeed) {
        return toBuilder().seed(newSeed).build();
    }

    public TrainingSettings withCheckpointEvery(int steps) {
        return toBuilder().checkpointEvery(steps).build();
    }

    /**
     * Settings by name rather than by position: {@link #RECIPE_EPOCHS}, {@link #DEFAULT_SEED} and the recipe's
     * learning rate unless set; batch sizes, max length and checkpoint interval have no default and must be set.
     */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder holding these settings, to change some of them by name. */
    public Builder toBuilder() {
        return new Builder().epochs(epochs).batches(globalBatchSize, microBatchSize).modelMaxLength(modelMaxLength)
                .checkpointEvery(checkpointEvery).seed(seed).learningRate(learningRate);
    }

    /** Named fields for {@link TrainingSettings}; {@link #build()} checks them as the constructor does. */
    public static final class Builder {
        private double epochs = RECIPE_EPOCHS;
        private int globalBatchSize;
        private int microBatchSize;
        private int modelMaxLength;
        private int checkpointEvery;
        private long seed = DEFAULT_SEED;
        private Double learningRate;

        private Builder() {
        }

        public Builder epochs(double value) { epochs = value; return this; }

        /** Samples per optimizer step, accumulated from forward passes of {@code micro} samples. */
        public Builder batches(int global, int micro) {
            globalBatchSize = global;
            microBatchSize = micro;
            return this;
        }

        public Builder modelMaxLength(int tokens) { modelMaxLength = tokens; return this; }

        public Builder checkpointEvery(int steps) { checkpointEvery = steps; return this; }

        public Builder seed(long value) { seed = value; return this; }

        /** The base learning rate; null keeps the recipe's. */
        public Builder learningRate(Double value) { learningRate = value; return this; }

        public TrainingSettings build() {
            return new TrainingSettings(epochs, globalBatchSize, microBatchSize, modelMaxLength, checkpointEvery, seed,
                    learningRate);
        }
    }

    private static String epochsAndSizes(double epochs, int global, int micro, int maxLength, int every) {
        return "epochs " + epochs + ", global batch " + global + ", micro batch " + micro + ", max length " + maxLength
                + ", checkpoint every " + every;
    }
}
