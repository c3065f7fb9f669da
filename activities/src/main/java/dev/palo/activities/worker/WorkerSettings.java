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
 */
public record WorkerSettings(String temporalAddress, String namespace, List<String> taskQueues,
                             String mlflowExperiment, Path workDir) {
    public static WorkerSettings fromEnvironment(Map<String, String> env) {
        return new WorkerSettings(
                env.getOrDefault("PALO_TEMPORAL_ADDRESS", "127.0.0.1:7233"),
                env.getOrDefault("PALO_TEMPORAL_NAMESPACE", "default"),
                Arrays.stream(env.getOrDefault("PALO_WORKER_QUEUES", TaskQueues.CPU + "," + TaskQueues.GPU).split(","))
                        .map(String::strip).filter(q -> !q.isEmpty()).toList(),
                env.getOrDefault("PALO_MLFLOW_EXPERIMENT", "palo"),
                Path.of(env.getOrDefault("PALO_WORK_DIR", System.getProperty("java.io.tmpdir") + "/palo-work")));
    }
}
