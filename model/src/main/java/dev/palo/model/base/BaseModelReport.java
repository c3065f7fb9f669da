package dev.palo.model.base;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Map;

/**
 * What base-model training measured.
 *
 * @param vocabSize          tokens in the trained tokenizer (the LM's vocab_size)
 * @param lmSteps            optimizer steps of LM pretraining in total
 * @param lmFinalLoss        training loss of the last step run here (NaN when every step ran in an earlier attempt)
 * @param lmTokensPerSecond  training throughput of the steps run here
 * @param visionAccuracy     per attribute slot, share predicted right on held-out images (every tenth image)
 * @param heldOut            per language, the finished model's loss on held-out text
 * @param seconds            wall time per phase (tokenizer, vision, lm, evaluation) in this attempt
 */
public record BaseModelReport(
        @JsonProperty("vocab_size") int vocabSize,
        @JsonProperty("lm_steps") int lmSteps,
        @JsonProperty("lm_final_loss") double lmFinalLoss,
        @JsonProperty("lm_tokens_per_second") double lmTokensPerSecond,
        @JsonProperty("vision_accuracy") Map<String, Double> visionAccuracy,
        @JsonProperty("held_out") Map<String, HeldOutLoss> heldOut,
        @JsonProperty("seconds") Map<String, Double> seconds) {
}
