package dev.palo.activities.worker;

import io.temporal.activity.ActivityExecutionContext;
import io.temporal.common.interceptors.ActivityExecutionContextBase;
import io.temporal.common.interceptors.ActivityInboundCallsInterceptor;
import io.temporal.common.interceptors.ActivityInboundCallsInterceptorBase;
import io.temporal.common.interceptors.WorkerInterceptorBase;
import java.lang.reflect.Type;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Keeps every running activity's heartbeat alive from a timer thread, so that heartbeat timeouts can be short
 * (half a minute: a dead worker's activity moves that soon) without a single long call (the engine's first start,
 * a large upload, one slow generation batch) letting the server declare a live attempt dead.
 *
 * <p>The timer re-sends the latest details the activity itself heartbeated, so progress stays what the activity
 * said. Before the activity's first own heartbeat it re-sends the details an earlier attempt left, once the activity
 * has read them to resume (the same object, of the activity's own type); while they are unread it sends nothing, since
 * a beat would replace them; with no earlier details it sends an empty heartbeat. A worker that dies
 * stops its timer with it: that is what the heartbeat timeout still detects. A live but stuck activity is bounded
 * by its start-to-close timeout instead.
 */
public final class HeartbeatKeeper extends WorkerInterceptorBase {
    /** Beats per heartbeat timeout: the SDK throttles sends to its own interval, so more only costs a wake-up. */
    private static final int BEATS_PER_TIMEOUT = 3;
    private static final Duration MIN_PERIOD = Duration.ofMillis(200);

    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "heartbeat-keeper");
        thread.setDaemon(true);
        return thread;
    });

    @Override
    public ActivityInboundCallsInterceptor interceptActivity(ActivityInboundCallsInterceptor next) {
        return new ActivityInboundCallsInterceptorBase(next) {
            private KeptContext kept;

            @Override
            public void init(ActivityExecutionContext context) {
                kept = new KeptContext(context);
                super.init(kept);
            }

            @Override
            public ActivityOutput execute(ActivityInput input) {
                ScheduledFuture<?> beats = kept.schedule(timer);
                try {
                    return super.execute(input);
                } finally {
                    if (beats != null) {
                        beats.cancel(false);
                    }
                }
            }
        };
    }

    /** The activity's context, remembering the details it heartbeats last. */
    private static final class KeptContext extends ActivityExecutionContextBase {
        private final boolean earlierDetails;
        private volatile boolean beaten;
        private volatile boolean resumed;
        private volatile Object latest;

        KeptContext(ActivityExecutionContext context) {
            super(context);
            this.earlierDetails = context.getInfo().getHeartbeatDetails().isPresent();
        }

        @Override
        public <V> void heartbeat(V details) {
            latest = details;
            beaten = true;
            super.heartbeat(details);
        }

        @Override
        public <V> Optional<V> getHeartbeatDetails(Class<V> detailsClass) {
            return read(super.getHeartbeatDetails(detailsClass));
        }

        @Override
        public <V> Optional<V> getHeartbeatDetails(Class<V> detailsClass, Type detailsGenericType) {
            return read(super.getHeartbeatDetails(detailsClass, detailsGenericType));
        }

        /** What the activity resumes from: safe to re-send until it heartbeats progress of its own. */
        private <V> Optional<V> read(Optional<V> details) {
            if (!beaten && details.isPresent()) {
                latest = details.get();
                resumed = true;
            }
            return details;
        }

        /** Null for local activities and activities without a heartbeat timeout: nothing to keep alive. */
        ScheduledFuture<?> schedule(ScheduledExecutorService timer) {
            Duration timeout = getInfo().getHeartbeatTimeout();
            if (getInfo().isLocal() || timeout == null || timeout.isZero()) {
                return null;
            }
            long period = Math.max(MIN_PERIOD.toMillis(), timeout.toMillis() / BEATS_PER_TIMEOUT);
            return timer.scheduleAtFixedRate(this::beat, period, period, TimeUnit.MILLISECONDS);
        }

        private void beat() {
            try {
                if (beaten || resumed) {
                    super.heartbeat(latest);
                } else if (!earlierDetails) {
                    super.heartbeat(null);
                }
            } catch (RuntimeException e) {
                // cancelled or timed out: the activity's own thread learns it from its next heartbeat
            }
        }
    }
}
