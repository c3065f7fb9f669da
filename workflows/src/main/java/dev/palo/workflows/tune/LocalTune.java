package dev.palo.workflows.tune;

/**
 * LoRA fine-tune of the local translator model; the adapters are merged into the tuned weights.
 * Every field is part of the stage's cache key except {@code checkpointEvery}, which changes when
 * work is saved, not what comes out.
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
    public LocalTune {
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

    /** The translator's tuning defaults (r 16, alpha 32, dropout 0.05, lr 2e-3, 8 epochs, batch 16), checkpoint every 20 steps. */
    public static LocalTune defaults() {
        return new LocalTune(16, 32, 0.05, 2e-3, 8, 16, 42, 20);
    }

    private static void requirePositive(String name, int value) {
        if (value <= 0) {
            throw new IllegalArgumentException("tune local " + name + " must be > 0, got " + value);
        }
    }
}
