package dev.palo.services.runs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.temporal.api.common.v1.ActivityType;
import io.temporal.api.enums.v1.PendingActivityState;
import io.temporal.api.workflow.v1.PendingActivityInfo;
import io.temporal.common.converter.DefaultDataConverter;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RunQueriesTest {
    private final StageProgress postEditing = new StageProgress("post-edit", "fr", "RUNNING", Instant.EPOCH, null,
            null, Map.of(), null, null, null, null, null, null, null, null, null, null, null);

    @Test
    void aHeartbeatWithoutDetailsIsNoProgressYetNotAFailedRead() {
        // an activity that heartbeat null (kept alive before its first count): GET /api/runs/{id} answered 500
        StageProgress read = RunQueries.withPendingActivity(postEditing, List.of(started(null)));

        assertNull(read.heartbeat());
        assertNull(read.done());
        assertEquals(1, read.attempt());
    }

    @Test
    void aCountingHeartbeatIsTheStagesProgress() {
        StageProgress read = RunQueries.withPendingActivity(postEditing, List.of(started(12)));

        assertEquals("12", read.heartbeat());
        assertEquals(12L, read.done());
    }

    private static PendingActivityInfo started(Object heartbeat) {
        return PendingActivityInfo.newBuilder().setActivityType(ActivityType.newBuilder().setName("PostEdit"))
                .setState(PendingActivityState.PENDING_ACTIVITY_STATE_STARTED).setAttempt(1)
                .setHeartbeatDetails(DefaultDataConverter.STANDARD_INSTANCE.toPayloads(heartbeat)
                        .orElseGet(() -> io.temporal.api.common.v1.Payloads.newBuilder()
                                .addPayloads(DefaultDataConverter.STANDARD_INSTANCE.toPayload(null).orElseThrow())
                                .build()))
                .build();
    }
}
