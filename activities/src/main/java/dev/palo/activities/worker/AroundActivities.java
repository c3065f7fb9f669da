package dev.palo.activities.worker;

import io.temporal.activity.ActivityExecutionContext;
import io.temporal.activity.ActivityInfo;
import io.temporal.common.interceptors.ActivityInboundCallsInterceptor;
import io.temporal.common.interceptors.ActivityInboundCallsInterceptorBase;
import io.temporal.common.interceptors.WorkerInterceptorBase;
import java.util.function.Consumer;

/** A worker interceptor that does something as each activity attempt starts and as it ends. */
abstract class AroundActivities extends WorkerInterceptorBase {
    /** How an attempt ended: returned (its result, null for none) or failed. */
    record Ended(boolean completed, Object result) {
    }

    /** Called as an attempt starts; the returned consumer is called as it ends. */
    protected abstract Consumer<Ended> around(ActivityInfo info, Object[] arguments);

    @Override
    public final ActivityInboundCallsInterceptor interceptActivity(ActivityInboundCallsInterceptor next) {
        return new ActivityInboundCallsInterceptorBase(next) {
            private ActivityExecutionContext context;

            @Override
            public void init(ActivityExecutionContext context) {
                this.context = context;
                super.init(context);
            }

            @Override
            public ActivityOutput execute(ActivityInput input) {
                Consumer<Ended> end = around(context.getInfo(), input.getArguments());
                Ended ended = new Ended(false, null);
                try {
                    ActivityOutput output = super.execute(input);
                    ended = new Ended(true, output.getResult());
                    return output;
                } finally {
                    end.accept(ended);
                }
            }
        };
    }
}
