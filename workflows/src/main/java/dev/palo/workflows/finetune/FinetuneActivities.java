package dev.palo.workflows.finetune;

import dev.palo.workflows.StageResult;
import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityMethod;

/**
 * LoRA fine-tune stage (task queue {@code palo-gpu}): the projector fully and LoRA adapters on every
 * LM linear, with separate learning rates, on one arm's dataset with the {@code vicuna_v1} template.
 * The result's language is the arm's code; its output is a PaloModel bundle holding the adapters
 * ({@code adapter_model.safetensors}, {@code adapter_config.json}) and the merged weights.
 */
@ActivityInterface
public interface FinetuneActivities {
    String STAGE = "finetune";

    /**
     * Heartbeats the step and the last checkpoint; a retry resumes from that checkpoint and ends with
     * the weights an undisturbed run ends with.
     */
    @ActivityMethod
    StageResult finetuneLora(FinetuneRequest request);
}
