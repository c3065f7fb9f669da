package dev.palo.services.runs;

import com.google.protobuf.Timestamp;
import io.temporal.api.enums.v1.PendingActivityState;
import io.temporal.api.workflow.v1.PendingActivityInfo;
import java.time.Instant;
import java.util.Optional;

/**
 * Whether a running stage's activity waits for a worker lane: Temporal scheduled it, and no worker has taken it yet
 * (on {@code palo-gpu}, every lane is busy). An attempt that waits out its retry backoff is not waiting for a lane.
 */
final class LaneWait {
    private LaneWait() {
    }

    /** Since when {@code activity} waits for a lane, as of {@code now}; empty when a worker has it or it backs off. */
    static Optional<Instant> since(PendingActivityInfo activity, Instant now) {
        if (activity.getState() != PendingActivityState.PENDING_ACTIVITY_STATE_SCHEDULED) {
            return Optional.empty();
        }
        Timestamp ready = activity.getAttempt() > 1 && activity.hasNextAttemptScheduleTime()
                ? activity.getNextAttemptScheduleTime() : activity.getScheduledTime();
        if (!activity.hasScheduledTime() && !activity.hasNextAttemptScheduleTime()) {
            return Optional.empty();
        }
        Instant since = Instant.ofEpochSecond(ready.getSeconds(), ready.getNanos());
        return since.isAfter(now) ? Optional.empty() : Optional.of(since);
    }
}
