package dev.palo.model.generate;

/**
 * Decoding settings.
 *
 * @param maxNewTokens upper bound on generated tokens per sample
 * @param temperature 0 for greedy decoding; otherwise logits are divided by it before sampling
 * @param topP nucleus size in (0, 1]; 1 samples from the whole distribution
 * @param seed seeds the sampler, so equal inputs and seeds give equal outputs
 * @param eosTokenId a sample stops after producing it ({@code </s>})
 */
public record GenerationConfig(int maxNewTokens, float temperature, float topP, long seed, long eosTokenId) {

    public GenerationConfig {
        if (maxNewTokens <= 0) {
            throw new IllegalArgumentException("maxNewTokens must be positive, got " + maxNewTokens);
        }
        if (!(temperature >= 0) || Float.isInfinite(temperature)) {
            throw new IllegalArgumentException("temperature must be finite and ≥ 0, got " + temperature);
        }
        if (!(topP > 0 && topP <= 1)) {
            throw new IllegalArgumentException("topP must be in (0, 1], got " + topP);
        }
    }

    public static GenerationConfig greedy(int maxNewTokens, long eosTokenId) {
        return new GenerationConfig(maxNewTokens, 0f, 1f, 0L, eosTokenId);
    }

    public boolean isGreedy() {
        return temperature == 0f;
    }
}
