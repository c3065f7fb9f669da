package dev.palo.workflows.basemodel;

import dev.palo.workflows.StageResult;
import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityMethod;

/**
 * Base-model stage (task queue {@code palo-gpu}): the frozen parts PALO downloads. For PALO-mini it trains them
 * once per machine (a tokenizer and base LM on the English-heavy corpus, a vision tower on the images); for real
 * models it imports safetensors weights from the object store. Either way the result's output is one PaloModel
 * bundle (StoredDirectory index) registered in the model registry. A later call with the same inputs, from any
 * run, finds the registered version and returns it as a cache hit without training.
 */
@ActivityInterface
public interface BaseModelActivities {
    String STAGE = "base-model";
    /** The corpus mixes languages: ISO 639's code for "multiple languages". */
    String LANGUAGE = "mul";

    /** Heartbeats the LM step and its last checkpoint; a retry resumes there with the same final weights. */
    @ActivityMethod
    StageResult prepare(BaseModelRequest request);
}
