package dev.palo.activities.training;

import io.temporal.activity.ActivityExecutionContext;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Heartbeats a training attempt's latest progress from a thread of its own, at half the heartbeat
 * timeout, so that single long operations (the engine's first start, a bundle download, a
 * checkpoint upload) never let the server declare a live attempt dead. The training loop reports
 * each new progress with {@link #update}, which also heartbeats it at once.
 */
final class HeartbeatPump implements AutoCloseable {
    private final ActivityExecutionContext context;
    private final ScheduledExecutorService timer;
    private volatile TrainingProgress current;

    private HeartbeatPump(ActivityExecutionContext context, TrainingProgress initial) {
        this.context = context;
        this.current = initial;
        this.timer = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "training-heartbeat");
            thread.setDaemon(true);
            return thread;
        });
    }

    /** Starts pumping {@code initial} (the attempt's heartbeat details) at once. */
    static HeartbeatPump start(ActivityExecutionContext context, TrainingProgress initial) {
        HeartbeatPump pump = new HeartbeatPump(context, initial);
        context.heartbeat(initial);
        Duration timeout = context.getInfo().getHeartbeatTimeout();
        if (!timeout.isZero()) {
            long period = Math.max(100, timeout.toMillis() / 2);
            pump.timer.scheduleAtFixedRate(pump::beat, period, period, TimeUnit.MILLISECONDS);
        }
        return pump;
    }

    TrainingProgress current() {
        return current;
    }

    void update(TrainingProgress progress) {
        current = progress;
        context.heartbeat(progress);
    }

    private void beat() {
        try {
            context.heartbeat(current);
        } catch (RuntimeException e) {
            // the attempt was cancelled or timed out: the training thread learns it from its own heartbeat
            timer.shutdown();
        }
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
