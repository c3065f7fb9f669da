package dev.palo.workflows;

/** Task queues that route work to worker pools: I/O- and CPU-bound work vs training/generation. */
public final class TaskQueues {
    public static final String CPU = "palo-cpu";
    public static final String GPU = "palo-gpu";

    private TaskQueues() {
    }
}
