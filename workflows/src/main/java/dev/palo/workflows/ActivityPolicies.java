package dev.palo.workflows;

import io.temporal.activity.ActivityOptions;
import io.temporal.activity.LocalActivityOptions;
import io.temporal.common.RetryOptions;
import io.temporal.workflow.Workflow;
import java.time.Duration;

/** Timeouts, heartbeats and retry policies per kind of activity, in one place. */
public final class ActivityPolicies {
    /**
     * How long a long stage may go without a heartbeat unless its pipeline says otherwise: how soon a dead
     * worker's activity moves to another worker. Workers keep a running activity's heartbeat alive from a timer
     * (the activities module's {@code HeartbeatKeeper}), so a single long call inside a stage never hits it.
     */
    public static final Duration LONG_STAGE_HEARTBEAT_TIMEOUT = Duration.ofSeconds(30);
    private static final String[] NOT_RETRIED = {
        FailureTypes.INVALID_INPUT, FailureTypes.UNKNOWN_LANGUAGE, FailureTypes.MISSING_SECRET};

    private ActivityPolicies() {
    }

    /** {@link #longStage(String, Duration)} with the default heartbeat timeout. */
    public static ActivityOptions longStage(String taskQueue) {
        return longStage(taskQueue, LONG_STAGE_HEARTBEAT_TIMEOUT);
    }

    /** GPU work of a {@link WorkClass}, with the default heartbeat timeout. */
    public static ActivityOptions gpuStage(WorkClass work) {
        return gpuStage(work, LONG_STAGE_HEARTBEAT_TIMEOUT);
    }

    /**
     * GPU work: a long stage on the queue the run's {@link GpuScheduling} gives its work class, at the class's
     * priority, shifted by the run's (the calling workflow's priority key, inherited from the run); called from
     * workflow code only.
     */
    public static ActivityOptions gpuStage(WorkClass work, Duration heartbeatTimeout) {
        int runKey = Workflow.getInfo().getPriority() == null ? 0 : Workflow.getInfo().getPriority().getPriorityKey();
        return ActivityOptions.newBuilder(longStage(GpuScheduling.ofThisWorkflow().taskQueue(work), heartbeatTimeout))
                .setPriority(work.priority(runKey)).build();
    }

    /**
     * Long stage work that heartbeats. The heartbeat timeout bounds how long a dead worker holds
     * the work; retries resume from the last heartbeated chunk, so many attempts are cheap.
     */
    public static ActivityOptions longStage(String taskQueue, Duration heartbeatTimeout) {
        return ActivityOptions.newBuilder()
                .setTaskQueue(taskQueue)
                .setStartToCloseTimeout(Duration.ofHours(6))
                .setHeartbeatTimeout(heartbeatTimeout)
                .setRetryOptions(RetryOptions.newBuilder()
                        .setInitialInterval(Duration.ofSeconds(5))
                        .setBackoffCoefficient(2)
                        .setMaximumInterval(Duration.ofMinutes(5))
                        .setMaximumAttempts(20)
                        .setDoNotRetry(NOT_RETRIED)
                        .build())
                .build();
    }

    /** Short calls to the tracking server: quick timeout, retried until the server is back. */
    public static ActivityOptions tracking() {
        return ActivityOptions.newBuilder()
                .setTaskQueue(TaskQueues.CPU)
                .setStartToCloseTimeout(Duration.ofSeconds(30))
                .setRetryOptions(RetryOptions.newBuilder()
                        .setInitialInterval(Duration.ofSeconds(1))
                        .setMaximumInterval(Duration.ofMinutes(1))
                        .setDoNotRetry(NOT_RETRIED)
                        .build())
                .build();
    }

    /** Registry look-ups read bundled data: local, fast, and a wrong code is never retried. */
    public static LocalActivityOptions registry() {
        return LocalActivityOptions.newBuilder()
                .setStartToCloseTimeout(Duration.ofSeconds(30))
                .setRetryOptions(RetryOptions.newBuilder()
                        .setMaximumAttempts(3)
                        .setDoNotRetry(NOT_RETRIED)
                        .build())
                .build();
    }

    /**
     * Storing one review decision while a reviewer waits for the acknowledgement: a quick timeout,
     * retried until the store is back; invalid decisions are not retried.
     */
    public static ActivityOptions reviewDecision() {
        return ActivityOptions.newBuilder()
                .setTaskQueue(TaskQueues.CPU)
                .setStartToCloseTimeout(Duration.ofSeconds(30))
                .setRetryOptions(RetryOptions.newBuilder()
                        .setInitialInterval(Duration.ofSeconds(1))
                        .setMaximumInterval(Duration.ofSeconds(10))
                        .setDoNotRetry(NOT_RETRIED)
                        .build())
                .build();
    }

    /**
     * Publishing one event: quick attempts, retried for {@code window} (a broker outage of that long delays the event
     * and loses nothing); past it the workflow logs the event as lost and goes on, so events never fail a run.
     */
    public static ActivityOptions events(Duration window) {
        return ActivityOptions.newBuilder()
                .setTaskQueue(TaskQueues.CPU)
                .setStartToCloseTimeout(Duration.ofSeconds(30))
                .setScheduleToCloseTimeout(window)
                .setRetryOptions(RetryOptions.newBuilder()
                        .setInitialInterval(Duration.ofSeconds(1))
                        .setBackoffCoefficient(2)
                        .setMaximumInterval(Duration.ofSeconds(30))
                        .build())
                .build();
    }
}
