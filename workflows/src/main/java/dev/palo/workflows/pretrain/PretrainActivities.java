package dev.palo.workflows.pretrain;

import dev.palo.workflows.StageResult;
import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityMethod;

/**
 * GPU pretrain stage (task queue {@code palo-gpu}): the projector learns to map the frozen vision
 * tower's features into the frozen LM on caption pairs, LLaVA's {@code plain} template. The result's
 * output is a PaloModel bundle (full weights and {@code mm_projector.safetensors}).
 */
@ActivityInterface
public interface PretrainActivities {
    String STAGE = "pretrain";
    /** Captions are English. */
    String LANGUAGE = "en";

    /**
     * Heartbeats the step and the last checkpoint; a retry resumes from that checkpoint and ends with
     * the weights an undisturbed run ends with.
     */
    @ActivityMethod
    StageResult pretrainProjector(PretrainRequest request);
}
