package dev.palo.model.train;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * Where a run stands, beside the weights and optimizer moments: steps done (the schedule position),
 * optimizer updates (bias correction), skipped non-finite steps and the data position. Dropout needs
 * no saved RNG: each step seeds the engine from (seed, step).
 */
public record TrainingState(
        @JsonProperty("stage") String stage,
        @JsonProperty("seed") long seed,
        @JsonProperty("step") int step,
        @JsonProperty("total_steps") int totalSteps,
        @JsonProperty("optimizer_updates") long optimizerUpdates,
        @JsonProperty("skipped_steps") int skippedSteps,
        @JsonProperty("epoch") int epoch,
        @JsonProperty("index_in_epoch") int indexInEpoch) {
}
