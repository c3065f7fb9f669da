package dev.palo.workflows;

/** Task queues that route work to worker pools: I/O- and CPU-bound work vs training/generation. */
public final class TaskQueues {
    public static final String CPU = "palo-cpu";
    public static final String GPU = "palo-gpu";
    /** Short GPU work where the deployment gives it workers of its own ({@link GpuScheduling#QUEUES}). */
    public static final String GPU_SHORT = "palo-gpu-short";

    private TaskQueues() {
    }

    /** Whether {@code queue} holds GPU work: its workers run as many activities at once as they have lanes. */
    public static boolean isGpu(String queue) {
        return GPU.equals(queue) || GPU_SHORT.equals(queue);
    }
}
