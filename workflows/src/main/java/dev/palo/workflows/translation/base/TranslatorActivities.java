package dev.palo.workflows.translation.base;

import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityMethod;

/**
 * The local translator's base training (issue #4): a small text-only model trained on PALO-mini's translation seed
 * corpus (source → un-tuned target), stored as a model bundle and registered in MLflow's model registry. Runs on
 * {@link dev.palo.workflows.TaskQueues#GPU} with {@link dev.palo.workflows.ActivityPolicies#longStage}.
 */
@ActivityInterface
public interface TranslatorActivities {
    String STAGE = "translator-base";

    /**
     * Heartbeats the training step; the training state is checkpointed to the object store every
     * {@code checkpointEverySteps} steps, and a retry resumes from the last checkpoint. A finished stage with the same
     * inputs, config and code version is returned from the stage cache.
     */
    @ActivityMethod
    TranslatorModel prepareBase(PrepareTranslatorRequest request);
}
