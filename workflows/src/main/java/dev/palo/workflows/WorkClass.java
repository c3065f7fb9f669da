package dev.palo.workflows;

import io.temporal.common.Priority;

/**
 * How long a GPU lane's work holds the lane, which decides its Temporal priority on the shared {@code palo-gpu}
 * queue: short generation and tuning work (minutes) goes before queued training (hours), so it never waits behind
 * training that has not started yet. A lane already training is not interrupted: the next free lane takes the short
 * work first. Within a priority, runs share the lanes by their fairness key (the run id, set on the pipeline
 * workflow and inherited by its children and activities).
 */
public enum WorkClass {
    /** Translating, re-translating, translator tuning, generating the bench answers. */
    SHORT(2),
    /** Base-model and translator pre-training, projector pretraining, LoRA fine-tuning. */
    LONG(4);

    private final int priorityKey;

    WorkClass(int priorityKey) {
        this.priorityKey = priorityKey;
    }

    /** Temporal's priority key: lower goes first (1–5; unset work counts as 3). */
    public int priorityKey() {
        return priorityKey;
    }

    /** Only the key: the fairness key and weight stay inherited from the run. */
    public Priority priority() {
        return priority(0);
    }

    /**
     * The key shifted by the run's {@link RunPriority} ({@code runKey}: the run workflow's key, 0 where it set none),
     * kept within Temporal's 1–5.
     */
    public Priority priority(int runKey) {
        int shift = runKey == 0 ? 0 : runKey - RunPriority.DEFAULT_KEY;
        return Priority.newBuilder().setPriorityKey(Math.max(1, Math.min(5, priorityKey + shift))).build();
    }
}
