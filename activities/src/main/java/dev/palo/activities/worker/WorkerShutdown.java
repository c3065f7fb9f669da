package dev.palo.activities.worker;

import io.temporal.activity.ActivityInfo;
import io.temporal.worker.WorkerFactory;
import java.time.Duration;
import java.util.Collections;
import java.util.Map;
import java.util.WeakHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A worker's graceful stop (SIGTERM from Kubernetes, Ctrl-C, the app's shutdown): stop polling, ask the running
 * activities to checkpoint and give their task back, wait for them up to the drain timeout, then interrupt whatever
 * still runs.
 *
 * <p>Temporal's {@link WorkerFactory#shutdown()} stops polling and waits for running activities, but tells them
 * nothing (SDK 1.38: an activity learns of it only when its next heartbeat fails, and then it can no longer
 * heartbeat its last progress). So the workers keep heartbeats open during shutdown
 * ({@code WorkerOptions.setAllowActivityHeartbeatDuringShutdown}, see {@link PaloWorkers}) and each factory carries
 * one of these interceptors, whose stop flag long activities read between units of work ({@link #requested()}): a
 * training stage writes a checkpoint at its next step, heartbeats it and fails retryably, so the server hands the
 * stage to another worker at once instead of after a heartbeat timeout. The flag belongs to one factory (an app
 * restarted in the same JVM, or another worker in it, is not stopping) and reaches its activities through their
 * own threads.
 */
public final class WorkerShutdown extends AroundActivities {
    /** The failure type of an activity handed back by a stopping worker: retried, on another worker. */
    public static final String FAILURE_TYPE = "WorkerShutdown";
    private static final Logger LOG = LoggerFactory.getLogger(WorkerShutdown.class);
    /** After the drain: how long interrupted activities get to report their failure before the process exits. */
    private static final Duration AFTER_INTERRUPT = Duration.ofSeconds(5);
    /** The stop flag of the factory whose activity runs on this thread. */
    private static final ThreadLocal<WorkerShutdown> RUNNING_UNDER = new ThreadLocal<>();
    private static final Map<WorkerFactory, WorkerShutdown> FACTORIES = Collections.synchronizedMap(new WeakHashMap<>());

    private final AtomicBoolean requested = new AtomicBoolean();

    /** The interceptor {@code factory} is built with, so that {@link #drain} can raise its flag. */
    static void register(WorkerFactory factory, WorkerShutdown shutdown) {
        FACTORIES.put(factory, shutdown);
    }

    /** True once the worker running the calling activity has begun to stop: checkpoint and return. */
    public static boolean requested() {
        WorkerShutdown shutdown = RUNNING_UNDER.get();
        return shutdown != null && shutdown.requested.get();
    }

    void request() {
        requested.set(true);
    }

    @Override
    protected Consumer<Ended> around(ActivityInfo info, Object[] arguments) {
        RUNNING_UNDER.set(this);
        return ended -> RUNNING_UNDER.remove();
    }

    /**
     * Stops {@code factory} gracefully: polling stops at once, running activities get {@code drainTimeout} to
     * checkpoint and return, then the rest are interrupted. Returns whether every activity had returned in time.
     */
    public static boolean drain(WorkerFactory factory, Duration drainTimeout) {
        WorkerShutdown shutdown = FACTORIES.remove(factory);
        if (shutdown != null) {
            shutdown.request();
        }
        long start = System.nanoTime();
        LOG.info("worker stopping: polling stopped, waiting up to {} s for running activities to checkpoint",
                drainTimeout.toSeconds());
        factory.shutdown();
        factory.awaitTermination(drainTimeout.toMillis(), TimeUnit.MILLISECONDS);
        boolean drained = factory.isTerminated();
        if (!drained) {
            LOG.warn("worker stopping: activities still running after {} s are interrupted", drainTimeout.toSeconds());
            factory.shutdownNow();
            factory.awaitTermination(AFTER_INTERRUPT.toMillis(), TimeUnit.MILLISECONDS);
        }
        LOG.info("worker stopped after {} ms ({})", (System.nanoTime() - start) / 1_000_000,
                drained ? "every activity returned" : "activities interrupted");
        return drained;
    }
}
