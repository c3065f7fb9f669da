package dev.palo.activities.worker;

import dev.palo.workflows.StageResult;
import io.temporal.activity.ActivityInfo;
import io.temporal.common.interceptors.ActivityInboundCallsInterceptor;
import io.temporal.common.interceptors.ActivityInboundCallsInterceptorBase;
import io.temporal.common.interceptors.WorkerInterceptorBase;
import java.util.Map;
import java.util.TreeMap;

/**
 * Puts how long a stage's activity waited for a worker lane into its {@link StageResult}, as the metric
 * {@link StageResult#QUEUE_WAIT_SECONDS}: from the attempt's scheduling to a worker taking it, both the server's clock. The workflow's
 * progress model keeps a finished stage's metrics, so the run page and {@code palo run} show a stage's queue wait
 * beside its work time after it ended (while it waits, they read the wait live from Temporal's describe); the
 * stage's MLflow run logs it with the other metrics. Measured here because neither the workflow (which sees only
 * scheduling and completion) nor the activity's own code knows when a lane took it.
 */
public final class QueueWait extends WorkerInterceptorBase {
    @Override
    public ActivityInboundCallsInterceptor interceptActivity(ActivityInboundCallsInterceptor next) {
        return new ActivityInboundCallsInterceptorBase(next) {
            private ActivityInfo info;

            @Override
            public void init(io.temporal.activity.ActivityExecutionContext context) {
                info = context.getInfo();
                super.init(context);
            }

            @Override
            public ActivityOutput execute(ActivityInput input) {
                ActivityOutput output = super.execute(input);
                return output.getResult() instanceof StageResult stage
                        ? new ActivityOutput(withWait(stage, waitedSeconds(info))) : output;
            }
        };
    }

    /** The current attempt's wait in seconds, to a tenth. */
    static double waitedSeconds(ActivityInfo info) {
        long millis = Math.max(0, info.getStartedTimestamp() - info.getCurrentAttemptScheduledTimestamp());
        return Math.round(millis / 100.0) / 10.0;
    }

    static StageResult withWait(StageResult stage, double seconds) {
        Map<String, Double> metrics = new TreeMap<>(stage.metrics());
        metrics.put(StageResult.QUEUE_WAIT_SECONDS, seconds);
        return new StageResult(stage.stage(), stage.language(), stage.output(), stage.manifest(), stage.cacheHit(),
                metrics);
    }
}
