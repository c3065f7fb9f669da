package dev.palo.activities.worker;

import dev.palo.workflows.GpuScheduling;
import java.nio.file.Path;
import java.time.Duration;
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
 * @param gpuSlots          {@code PALO_GPU_SLOTS}, how many {@code palo-gpu} activities this process runs at once (and as
 *                          many {@code palo-gpu-short} ones where it polls that queue too).
 *                          Training steps in one process take turns ({@code TrainingStepLock}), so a
 *                          machine trains on as many cores as it runs worker processes with one slot each.
 *                          Unset: Temporal's default ({@value #TEMPORAL_DEFAULT_SLOTS})
 * @param cpuSlots          {@code PALO_CPU_SLOTS}, how many {@code palo-cpu} activities this process runs at once.
 *                          A pool scaled on its task queue's backlog needs a bound: with Temporal's default of
 *                          {@value #TEMPORAL_DEFAULT_SLOTS} per worker no activity ever waits, so the backlog the
 *                          scaler reads stays empty. Unset: Temporal's default
 * @param drainTimeout      {@code PALO_WORKER_DRAIN_SECONDS}, how long a stopping worker waits for its running
 *                          activities to checkpoint and return before it interrupts them ({@link WorkerShutdown}).
 *                          A deployment sets it below the pod's termination grace period, leaving time to exit.
 *                          Unset: {@value #DEFAULT_DRAIN_SECONDS} s
 * @param gpuScheduling     {@code PALO_GPU_SCHEDULING}, the deployment's {@link GpuScheduling}: the runs this process
 *                          starts carry it, and under {@code queues} a worker polls {@code palo-gpu-short} by default
 *                          too. Unset: {@code priority}
 */
public record WorkerSettings(String temporalAddress, String namespace, List<String> taskQueues,
                             String mlflowExperiment, Path workDir, int gpuSlots, int cpuSlots,
                             Duration drainTimeout, GpuScheduling gpuScheduling) {
    /** Temporal's default of concurrent activities per worker. */
    public static final int TEMPORAL_DEFAULT_SLOTS = 200;
    public static final int DEFAULT_DRAIN_SECONDS = 30;

    public WorkerSettings {
        gpuScheduling = gpuScheduling == null ? GpuScheduling.PRIORITY : gpuScheduling;
        if (gpuSlots < 1) {
            throw new IllegalArgumentException("PALO_GPU_SLOTS must be at least 1, got " + gpuSlots);
        }
        if (cpuSlots < 1) {
            throw new IllegalArgumentException("PALO_CPU_SLOTS must be at least 1, got " + cpuSlots);
        }
        if (drainTimeout.isNegative()) {
            throw new IllegalArgumentException("PALO_WORKER_DRAIN_SECONDS must not be negative, got "
                    + drainTimeout.toSeconds());
        }
    }

    /** With Temporal's default of palo-cpu slots and the default drain timeout. */
    public WorkerSettings(String temporalAddress, String namespace, List<String> taskQueues, String mlflowExperiment,
                          Path workDir, int gpuSlots) {
        this(temporalAddress, namespace, taskQueues, mlflowExperiment, workDir, gpuSlots, TEMPORAL_DEFAULT_SLOTS,
                Duration.ofSeconds(DEFAULT_DRAIN_SECONDS), GpuScheduling.PRIORITY);
    }

    /** The same settings on another namespace. */
    public WorkerSettings inNamespace(String otherNamespace) {
        return new WorkerSettings(temporalAddress, otherNamespace, taskQueues, mlflowExperiment, workDir, gpuSlots,
                cpuSlots, drainTimeout, gpuScheduling);
    }

    public static WorkerSettings fromEnvironment(Map<String, String> env) {
        GpuScheduling scheduling = GpuScheduling.parse(env.get(GpuScheduling.SETTING));
        String queues = String.join(",", scheduling.taskQueues());
        return new WorkerSettings(
                env.getOrDefault("PALO_TEMPORAL_ADDRESS", "127.0.0.1:7233"),
                env.getOrDefault("PALO_TEMPORAL_NAMESPACE", "default"),
                Arrays.stream(env.getOrDefault("PALO_WORKER_QUEUES", queues).split(","))
                        .map(String::strip).filter(q -> !q.isEmpty()).toList(),
                env.getOrDefault("PALO_MLFLOW_EXPERIMENT", "palo"),
                Path.of(env.getOrDefault("PALO_WORK_DIR", System.getProperty("java.io.tmpdir") + "/palo-work")),
                whole("PALO_GPU_SLOTS", env.getOrDefault("PALO_GPU_SLOTS", String.valueOf(TEMPORAL_DEFAULT_SLOTS))),
                whole("PALO_CPU_SLOTS", env.getOrDefault("PALO_CPU_SLOTS", String.valueOf(TEMPORAL_DEFAULT_SLOTS))),
                Duration.ofSeconds(whole("PALO_WORKER_DRAIN_SECONDS",
                        env.getOrDefault("PALO_WORKER_DRAIN_SECONDS", String.valueOf(DEFAULT_DRAIN_SECONDS)))),
                scheduling);
    }

    private static int whole(String name, String value) {
        try {
            return Integer.parseInt(value.strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be a whole number, got '" + value + "'", e);
        }
    }
}
