package dev.palo.workflows.translation.tune;

/**
 * LoRA fine-tune of the local translator model; the adapters are merged into the tuned weights.
 * Every field is part of the stage's cache key except {@code checkpointEvery}, which changes when
 * work is saved, not what comes out.
 *
 * <p>Fields left out of a request (0) take the translator's tuning recipe: {@link #defaults()}, stated here once
 * for the API, the demo's request and the benchmarks (a seed of 0 is so the default seed).
 *
 * @param rank            LoRA rank r
 * @param alpha           LoRA alpha (the update is scaled by alpha / r)
 * @param dropout         LoRA dropout
 * @param learningRate    peak learning rate
 * @param epochs          passes over the corrected pairs (may be fractional)
 * @param batchSize       pairs per optimiser step
 * @param seed            shuffling and dropout seed
 * @param checkpointEvery steps between training-state checkpoints in the object store: the most
 *                        work a crashed worker's successor redoes
 */
public record LocalTune(int rank, double alpha, double dropout, double learningRate, double epochs, int batchSize,
                        long seed, int checkpointEvery) {
    private static final int DEFAULT_RANK = 16;
    private static final double DEFAULT_ALPHA = 32;
    private static final double DEFAULT_DROPOUT = 0.05;
    private static final double DEFAULT_LEARNING_RATE = 2e-3;
    private static final double DEFAULT_EPOCHS = 8;
    private static final int DEFAULT_BATCH_SIZE = 16;
    private static final long DEFAULT_SEED = 42;
    private static final int DEFAULT_CHECKPOINT_EVERY = 20;

    public LocalTune {
        rank = rank == 0 ? DEFAULT_RANK : rank;
        alpha = alpha == 0 ? DEFAULT_ALPHA : alpha;
        dropout = dropout == 0 ? DEFAULT_DROPOUT : dropout;
        learningRate = learningRate == 0 ? DEFAULT_LEARNING_RATE : learningRate;
        epochs = epochs == 0 ? DEFAULT_EPOCHS : epochs;
        batchSize = batchSize == 0 ? DEFAULT_BATCH_SIZE : batchSize;
        seed = seed == 0 ? DEFAULT_SEED : seed;
        checkpointEvery = checkpointEvery == 0 ? DEFAULT_CHECKPOINT_EVERY : checkpointEvery;
        requirePositive("rank", rank);
        requirePositive("batchSize", batchSize);
        requirePositive("checkpointEvery", checkpointEvery);
        if (!(alpha > 0) || !(learningRate > 0) || !(epochs > 0)) {
            throw new IllegalArgumentException("tune local alpha, learningRate and epochs must be > 0, got "
                    + alpha + ", " + learningRate + " and " + epochs);
        }
        if (!(dropout >= 0 && dropout < 1)) {
            throw new IllegalArgumentException("tune local dropout must be within [0, 1), got " + dropout);
        }
    }

    /** The translator's tuning recipe, sized for ~100–200 reviewed pairs; checkpoint every 20 steps. */
    public static LocalTune defaults() {
        return builder().build();
    }

    /** Fields by name; those not set take the recipe's ({@link #defaults()}). */
    public static Builder builder() {
        return new Builder();
    }

    /** Named fields for {@link LocalTune}; the meaning of each is the record's, 0 the recipe's value. */
    public static final class Builder {
        private int rank;
        private double alpha;
        private double dropout;
        private double learningRate;
        private double epochs;
        private int batchSize;
        private long seed;
        private int checkpointEvery;

        private Builder() {
        }

        public Builder rank(int r) { rank = r; return this; }

        public Builder alpha(double value) { alpha = value; return this; }

        public Builder dropout(double probability) { dropout = probability; return this; }

        public Builder learningRate(double rate) { learningRate = rate; return this; }

        public Builder epochs(double passes) { epochs = passes; return this; }

        public Builder batchSize(int pairs) { batchSize = pairs; return this; }

        public Builder seed(long value) { seed = value; return this; }

        public Builder checkpointEvery(int steps) { checkpointEvery = steps; return this; }

        public LocalTune build() {
            return new LocalTune(rank, alpha, dropout, learningRate, epochs, batchSize, seed, checkpointEvery);
        }
    }

    private static void requirePositive(String name, int value) {
        if (value <= 0) {
            throw new IllegalArgumentException("tune local " + name + " must be > 0, got " + value);
        }
    }
}
