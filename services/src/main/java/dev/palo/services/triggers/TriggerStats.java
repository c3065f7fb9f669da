package dev.palo.services.triggers;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The trigger consumer's counters since the app started, served at {@code GET /api/triggers/stats}: events read,
 * runs Temporal accepted (a duplicate that joined its run counts too), dead-lettered events per reason, starts retried
 * because Temporal or the broker was away, and the consumer's lag as of its last poll.
 */
@ApplicationScoped
public class TriggerStats {
    private final AtomicLong received = new AtomicLong();
    private final AtomicLong accepted = new AtomicLong();
    private final AtomicLong retried = new AtomicLong();
    private final Map<String, AtomicLong> deadLettered = new ConcurrentHashMap<>();
    private final AtomicLong lag = new AtomicLong(-1);
    private volatile String lastProblem;

    /** The JSON answer. */
    public record Snapshot(long received, long accepted, long retried, long deadLetteredTotal,
                           Map<String, Long> deadLettered, long lag, String lastProblem) {
    }

    void received() {
        received.incrementAndGet();
    }

    void accepted() {
        accepted.incrementAndGet();
    }

    void retried(String problem) {
        retried.incrementAndGet();
        lastProblem = problem;
    }

    void deadLettered(String reason) {
        deadLettered.computeIfAbsent(reason, ignored -> new AtomicLong()).incrementAndGet();
    }

    void lag(long records) {
        lag.set(records);
    }

    public Snapshot snapshot() {
        Map<String, Long> reasons = new TreeMap<>();
        deadLettered.forEach((reason, count) -> reasons.put(reason, count.get()));
        return new Snapshot(received.get(), accepted.get(), retried.get(),
                reasons.values().stream().mapToLong(Long::longValue).sum(), reasons, lag.get(), lastProblem);
    }
}
