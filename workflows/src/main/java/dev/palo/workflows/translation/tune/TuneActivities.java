package dev.palo.workflows.translation.tune;

import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityMethod;

/**
 * Translator fine-tune on one language's corrected pairs (English source → reviewed translation):
 * through an OpenAI-compatible fine-tuning API, or LoRA on the local translator model.
 */
@ActivityInterface
public interface TuneActivities {
    String STAGE = "tune";

    /**
     * Heartbeats its progress (the remote job, or the last checkpointed step); a retry resumes it
     * instead of starting over. Same pairs, settings and code version → the cached translator.
     */
    @ActivityMethod
    TuneResult tune(TuneRequest request);
}
