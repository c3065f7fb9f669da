package dev.palo.activities.worker;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.palo.workflows.StageResult;
import io.temporal.activity.ActivityInfo;
import java.lang.reflect.Proxy;
import java.util.Map;
import org.junit.jupiter.api.Test;

class QueueWaitTest {
    @Test
    void theWaitRunsFromTheAttemptsSchedulingToItsStartInTenthsOfASecond() {
        assertEquals(34.6, QueueWait.waitedSeconds(info(1_000_000L, 1_034_560L)));
        // the server's two timestamps never run backwards into a negative wait
        assertEquals(0.0, QueueWait.waitedSeconds(info(2_000L, 1_000L)));
    }

    @Test
    void theWaitJoinsTheStagesOtherFigures() {
        StageResult stage = new StageResult("translate", "ar", null, null, false, Map.of("records", 12.0));

        StageResult waited = QueueWait.withWait(stage, 3.5);

        assertEquals(Map.of("records", 12.0, StageResult.QUEUE_WAIT_SECONDS, 3.5), waited.metrics());
        assertEquals(stage.stage(), waited.stage());
        assertEquals(stage.language(), waited.language());
    }

    /** An attempt scheduled at {@code scheduled} and started at {@code started} (epoch millis). */
    private static ActivityInfo info(long scheduled, long started) {
        return (ActivityInfo) Proxy.newProxyInstance(ActivityInfo.class.getClassLoader(),
                new Class<?>[] {ActivityInfo.class}, (proxy, method, args) -> switch (method.getName()) {
                    case "getCurrentAttemptScheduledTimestamp" -> scheduled;
                    case "getStartedTimestamp" -> started;
                    default -> throw new UnsupportedOperationException(method.getName());
                });
    }
}
