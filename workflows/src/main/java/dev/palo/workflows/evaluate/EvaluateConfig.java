package dev.palo.workflows.evaluate;

import dev.palo.workflows.ActivityPolicies;
import java.time.Duration;

/**
 * How answers are generated and scored. Part of the stages' cache keys (heartbeat timeout excepted).
 *
 * @param maxNewTokens     most tokens generated per answer (LLaVA's model_vqa uses 1024)
 * @param batchSize        questions decoded together; also the unit committed to the store, so the
 *                         most work a crash can cost
 * @param scorer           the primary scorer: content, reference (chrF) or judge
 * @param heartbeatTimeout how long generation may go without a heartbeat before Temporal retries it
 *                         elsewhere; null means {@link ActivityPolicies#LONG_STAGE_HEARTBEAT_TIMEOUT}
 */
public record EvaluateConfig(int maxNewTokens, int batchSize, ScorerConfig scorer, Duration heartbeatTimeout) {
    public EvaluateConfig {
        if (maxNewTokens <= 0) {
            throw new IllegalArgumentException("evaluate maxNewTokens must be > 0, got " + maxNewTokens);
        }
        if (batchSize <= 0) {
            throw new IllegalArgumentException("evaluate batchSize must be > 0, got " + batchSize);
        }
        if (scorer == null) {
            throw new IllegalArgumentException("evaluate needs a scorer (ScorerConfig.content(), reference() or judge(...))");
        }
        if (heartbeatTimeout == null) {
            heartbeatTimeout = ActivityPolicies.LONG_STAGE_HEARTBEAT_TIMEOUT;
        }
    }

    /**
     * What the PALO-mini demo uses: the offline content scorer (chrF and the in-language rate reported beside it),
     * batches of 16, answers of up to 192 tokens (the fine-tune's max length). Like LLaVA's 1024 the limit should not cut a right answer: under the
     * English-heavy tokenizer 15–23% of the bench's ar/hi/bn/ur gold answers are longer than 96 tokens.
     */
    public static EvaluateConfig offlineDefaults() {
        return new EvaluateConfig(192, 16, ScorerConfig.content(), null);
    }
}
