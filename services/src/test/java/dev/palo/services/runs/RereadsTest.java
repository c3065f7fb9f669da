package dev.palo.services.runs;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class RereadsTest {
    private final AtomicLong now = new AtomicLong();
    private final Rereads<String> rereads = new Rereads<>(Duration.ofSeconds(2), 2, now::get,
            value -> !value.startsWith("not started"));

    @Test
    void anUnchangedWorkflowIsReadEveryThirdRefreshAndAChangeBringsBackEveryRefresh() {
        AtomicInteger reads = new AtomicInteger();
        List<Integer> readAt = new ArrayList<>();
        String[] state = {"translating 0"};
        for (int refresh = 0; refresh < 12; refresh++) {
            now.set(refresh * 2_000L);
            if (refresh == 8) {
                state[0] = "translating 40";  // a heartbeat reached Temporal
            }
            int before = reads.get();
            assertEquals(refresh < 8 ? "translating 0" : refresh == 8 ? "translating 0" : "translating 40",
                    rereads.get("run-1-ar", () -> {
                        reads.incrementAndGet();
                        return state[0];
                    }));
            if (reads.get() > before) {
                readAt.add(refresh);
            }
        }
        // unchanged: read at 0, 1 (same: skip one), 3 (same: skip two), 6, 9; the read at 9 sees the change, so the
        // next refresh reads again (10), which is the same: 11 is skipped
        assertEquals(List.of(0, 1, 3, 6, 9, 10), readAt);
    }

    @Test
    void aReadThatMayNotStandForLaterOnesIsReadAgainAtEveryRefresh() {
        AtomicInteger reads = new AtomicInteger();
        for (int refresh = 0; refresh < 5; refresh++) {
            now.set(refresh * 2_000L);
            rereads.get("run-1-ar", () -> "not started " + reads.incrementAndGet() / 1_000);
        }
        assertEquals(5, reads.get());
    }

    @Test
    void eachWorkflowHasItsOwnStreak() {
        AtomicInteger reads = new AtomicInteger();
        for (int refresh = 0; refresh < 4; refresh++) {
            now.set(refresh * 2_000L);
            rereads.get("run-1-ar", () -> "same " + reads.incrementAndGet() / 1_000);
            rereads.get("run-1-hi", () -> "changing " + reads.incrementAndGet());
        }
        // ar: 0, 1, 3 (3 reads); hi changes at every read: 4 reads
        assertEquals(7, reads.get());
    }
}
