package dev.palo.activities.worker;

import dev.palo.workflows.TaskQueues;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Worker configuration from the environment; every value has the local stack's default.
 *
 * @param temporalAddress   {@code PALO_TEMPORAL_ADDRESS}, host:port of the Temporal frontend
 * @param namespace         {@code PALO_TEMPORAL_NAMESPACE}
 * @param taskQueues        {@code PALO_WORKER_QUEUES}, comma-separated
 * @param mlflowExperiment  {@code PALO_MLFLOW_EXPERIMENT}, the experiment pipeline runs go to
 * @param workDir           {@code PALO_WORK_DIR}, scratch space for activity attempts
 * @param gpuSlots          {@code PALO_GPU_SLOTS}, how many {@code palo-gpu} activities this process runs at once.
 *                          Training steps in one process take turns ({@code TrainingStepLock}), so a
 *                          machine trains on as many cores as it runs worker processes with one slot each.
 *                          Unset: Temporal's default ({@value #TEMPORAL_DEFAULT_SLOTS})
 */
public record WorkerSettings(String temporalAddress, String namespace, List<String> taskQueues,
                             String mlflowExperiment, Path workDir, int gpuSlots) {
    /** Temporal's default of concurrent activities per worker. */
    public static final int TEMPORAL_DEFAULT_SLOTS = 200;

    public WorkerSettings {
        if (gpuSlots < 1) {
            throw new IllegalArgumentException("PALO_GPU_SLOTS must be at least 1, got " + gpuSlots);
        }
    }

    public static WorkerSettings fromEnvironment(Map<String, String> env) {
        return new WorkerSettings(
                env.getOrDefault("PALO_TEMPORAL_ADDRESS", "127.0.0.1:7233"),
                env.getOrDefault("PALO_TEMPORAL_NAMESPACE", "default"),
                Arrays.stream(env.getOrDefault("PALO_WORKER_QUEUES", TaskQueues.CPU + "," + TaskQueues.GPU).split(","))
                        .map(String::strip).filter(q -> !q.isEmpty()).toList(),
                env.getOrDefault("PALO_MLFLOW_EXPERIMENT", "palo"),
                Path.of(env.getOrDefault("PALO_WORK_DIR", System.getProperty("java.io.tmpdir") + "/palo-work")),
                slots(env.getOrDefault("PALO_GPU_SLOTS", String.valueOf(TEMPORAL_DEFAULT_SLOTS))));
    }

    private static int slots(String value) {
        try {
            return Integer.parseInt(value.strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("PALO_GPU_SLOTS must be a whole number, got '" + value + "'", e);
        }
    }
}
