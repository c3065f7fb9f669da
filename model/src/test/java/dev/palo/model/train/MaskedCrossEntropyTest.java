package dev.palo.model.train;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import dev.palo.model.Constants;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class MaskedCrossEntropyTest {

    @Test
    void shiftsByOneAndAveragesOverSupervisedTokensOnly() {
        int vocab = 4;
        float[][] logits = {{0.1f, 2f, -1f, 0.5f}, {1f, 1f, 1f, 1f}, {3f, 0f, 0f, -2f}, {0.2f, 0.4f, 0.6f, 0.8f}};
        long[] labels = {7, 1, Constants.IGNORE_INDEX, 3};
        // position t predicts labels[t + 1]: pairs (0 → 1), (1 → ignored), (2 → 3); the last logits row has no target
        double expected = (nll(logits[0], 1) + nll(logits[2], 3)) / 2;
        try (NDManager manager = NDManager.newBaseManager()) {
            float[] flat = new float[4 * vocab];
            for (int t = 0; t < 4; t++) {
                System.arraycopy(logits[t], 0, flat, t * vocab, vocab);
            }
            MaskedCrossEntropy.Loss loss = MaskedCrossEntropy.compute(
                    manager.create(flat, new Shape(1, 4, vocab)), manager.create(labels, new Shape(1, 4)));
            assertEquals(2, loss.supervisedTokens());
            assertEquals(expected, loss.value().getFloat(), 1e-6);
        }
    }

    @Test
    void allIgnoredGivesZero() {
        try (NDManager manager = NDManager.newBaseManager()) {
            long[] labels = {Constants.IGNORE_INDEX, Constants.IGNORE_INDEX};
            MaskedCrossEntropy.Loss loss = MaskedCrossEntropy.compute(
                    manager.randomNormal(new Shape(1, 2, 3)), manager.create(labels, new Shape(1, 2)));
            assertEquals(0, loss.supervisedTokens());
            assertEquals(0f, loss.value().getFloat(), 0f);
        }
    }

    /** FACTS: Number-scalar ops can corrupt gradients after a GC; the loss uses tensor scalars only. */
    @Test
    void gradientIsSoftmaxMinusTargetAndSurvivesAForcedGc() {
        int vocab = 3;
        float[] flat = {0.5f, -1f, 2f, 1f, 0f, -1f, 0.3f, 0.3f, 0.3f};
        long[] labels = {Constants.IGNORE_INDEX, 2, 0};
        try (NDManager manager = NDManager.newBaseManager()) {
            ai.djl.ndarray.NDArray logits = manager.create(flat, new Shape(1, 3, vocab));
            logits.setRequiresGradient(true);
            try (ai.djl.training.GradientCollector collector = ai.djl.engine.Engine.getInstance().newGradientCollector()) {
                MaskedCrossEntropy.Loss loss = MaskedCrossEntropy.compute(logits, manager.create(labels, new Shape(1, 3)));
                for (int i = 0; i < 3; i++) {
                    System.gc();
                }
                collector.backward(loss.value());
            }
            float[] gradient = logits.getGradient().toFloatArray();
            // rows 0 and 1 predict labels[1] = 2 and labels[2] = 0; row 2 has no target; mean over 2 tokens
            int[] targets = {2, 0, -1};
            for (int row = 0; row < 3; row++) {
                double max = Math.max(flat[row * vocab], Math.max(flat[row * vocab + 1], flat[row * vocab + 2]));
                double sum = 0;
                for (int v = 0; v < vocab; v++) {
                    sum += Math.exp(flat[row * vocab + v] - max);
                }
                for (int v = 0; v < vocab; v++) {
                    double expected = targets[row] < 0 ? 0
                            : (Math.exp(flat[row * vocab + v] - max) / sum - (v == targets[row] ? 1 : 0)) / 2;
                    assertEquals(expected, gradient[row * vocab + v], 1e-6, "row " + row + ", class " + v);
                }
            }
        }
    }

    private static double nll(float[] logits, int target) {
        double max = Double.NEGATIVE_INFINITY;
        for (float l : logits) {
            max = Math.max(max, l);
        }
        double sum = 0;
        for (float l : logits) {
            sum += Math.exp(l - max);
        }
        return -(logits[target] - max - Math.log(sum));
    }
}
