package dev.palo.workflows;

import io.temporal.workflow.Workflow;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * How a deployment shares its GPU workers between short work (translate, tune, bench answers) and training, chosen
 * once per deployment ({@code PALO_GPU_SCHEDULING}) and carried by every run in its workflow memo, so that a run keeps
 * the policy it started with (and its history replays) even if the deployment changes it later:
 * <ul>
 *   <li>{@link #PRIORITY} (the default): one {@code palo-gpu} queue; short work has a better Temporal priority key than
 *   training ({@link WorkClass}), so a free lane takes it first. Needs a Temporal server with task-queue priority
 *   (≥ 1.28; fairness between runs needs it enabled). Every GPU worker can do every kind of work.</li>
 *   <li>{@link #QUEUES}: short work on a queue of its own ({@code palo-gpu-short}), training on {@code palo-gpu}; the
 *   deployment gives each queue its workers (on Kubernetes: a small-GPU pool for short work beside the training
 *   pool, each scaled on its own backlog). Short work then never waits for a training lane, on any Temporal
 *   version, at the price of lanes reserved for it.</li>
 * </ul>
 */
public enum GpuScheduling {
    PRIORITY,
    QUEUES;

    /** The deployment's setting. */
    public static final String SETTING = "PALO_GPU_SCHEDULING";
    /** Where a run's workflows carry it; a run without it (started before the setting existed) is {@link #PRIORITY}. */
    public static final String MEMO_KEY = "palo.gpuScheduling";

    /** {@code priority} or {@code queues} (any case); null or blank is the default. */
    public static GpuScheduling parse(String setting) {
        if (setting == null || setting.isBlank()) {
            return PRIORITY;
        }
        try {
            return valueOf(setting.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(SETTING + " must be 'priority' or 'queues', got '" + setting + "'", e);
        }
    }

    /** The memo entry a run's workflow starts with. */
    public Map<String, Object> memo() {
        return Map.of(MEMO_KEY, name().toLowerCase(Locale.ROOT));
    }

    /** The queues a deployment's workers poll, and its pools scale on: short GPU work has its own under QUEUES. */
    public List<String> taskQueues() {
        return this == QUEUES ? List.of(TaskQueues.CPU, TaskQueues.GPU, TaskQueues.GPU_SHORT)
                : List.of(TaskQueues.CPU, TaskQueues.GPU);
    }

    /** The task queue of GPU work of {@code work}'s class under this policy. */
    public String taskQueue(WorkClass work) {
        return this == QUEUES && work == WorkClass.SHORT ? TaskQueues.GPU_SHORT : TaskQueues.GPU;
    }

    /** The policy of the calling workflow's run (workflow code only): from its memo, deterministic on replay. */
    public static GpuScheduling ofThisWorkflow() {
        return parse(Workflow.getMemo(MEMO_KEY, String.class, String.class));
    }

    /**
     * The memo a child workflow of this run needs to keep the run's policy (workflow code only); null where the run
     * carries none, so that children of runs started before the setting start exactly as they did.
     */
    public static Map<String, Object> childMemo() {
        String setting = Workflow.getMemo(MEMO_KEY, String.class, String.class);
        return setting == null ? null : Map.of(MEMO_KEY, setting);
    }
}
