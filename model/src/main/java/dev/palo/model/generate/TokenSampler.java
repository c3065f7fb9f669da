package dev.palo.model.generate;

import java.util.Arrays;
import java.util.SplittableRandom;

/** Picks the next token from one row of logits: argmax, or temperature + top-p sampling. */
final class TokenSampler {
    private final GenerationConfig config;
    private final SplittableRandom random;

    TokenSampler(GenerationConfig config) {
        this.config = config;
        this.random = new SplittableRandom(config.seed());
    }

    long next(float[] logits, int offset, int vocab) {
        return config.isGreedy() ? argMax(logits, offset, vocab) : sample(logits, offset, vocab);
    }

    /** First index of the maximum, as torch.argmax. */
    static long argMax(float[] logits, int offset, int vocab) {
        int best = 0;
        for (int i = 1; i < vocab; i++) {
            if (logits[offset + i] > logits[offset + best]) {
                best = i;
            }
        }
        return best;
    }

    private long sample(float[] logits, int offset, int vocab) {
        double max = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < vocab; i++) {
            max = Math.max(max, logits[offset + i] / config.temperature());
        }
        double[] probabilities = new double[vocab];
        double total = 0;
        for (int i = 0; i < vocab; i++) {
            probabilities[i] = Math.exp(logits[offset + i] / config.temperature() - max);
            total += probabilities[i];
        }
        Integer[] order = new Integer[vocab];
        for (int i = 0; i < vocab; i++) {
            order[i] = i;
            probabilities[i] /= total;
        }
        Arrays.sort(order, (a, b) -> Double.compare(probabilities[b], probabilities[a]));
        // HF's top-p: keep the most likely tokens until their mass reaches topP (at least one)
        int kept = 0;
        double mass = 0;
        while (kept < vocab && (kept == 0 || mass < config.topP())) {
            mass += probabilities[order[kept]];
            kept++;
        }
        double draw = random.nextDouble() * mass;
        double cumulative = 0;
        for (int i = 0; i < kept; i++) {
            cumulative += probabilities[order[i]];
            if (draw < cumulative) {
                return order[i];
            }
        }
        return order[kept - 1];
    }
}
