package dev.palo.activities.worker;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/** The stop flag reaches the activities of the stopping worker only, on their own threads, while they run. */
class WorkerShutdownTest {
    @Test
    void aStoppingWorkersActivitySeesTheFlagAndNothingElseDoes() throws Exception {
        WorkerShutdown stopping = new WorkerShutdown();
        WorkerShutdown other = new WorkerShutdown();
        assertFalse(WorkerShutdown.requested(), "outside any activity");

        Consumer<AroundActivities.Ended> end = stopping.around(null, new Object[0]);
        assertFalse(WorkerShutdown.requested(), "before the stop");
        stopping.request();
        assertTrue(WorkerShutdown.requested(), "the stopping worker's activity");
        assertFalse(CompletableFuture.supplyAsync(() -> {
            Consumer<AroundActivities.Ended> otherEnd = other.around(null, new Object[0]);
            try {
                return WorkerShutdown.requested();
            } finally {
                otherEnd.accept(new AroundActivities.Ended(true, null));
            }
        }).get(), "an activity of another worker in the same process");
        end.accept(new AroundActivities.Ended(false, null));
        assertFalse(WorkerShutdown.requested(), "after the activity ended, on a thread the pool reuses");
    }
}
