package dev.palo.services.runs;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Duration;
import java.util.function.LongSupplier;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * When a running workflow is read again for the live view: at every refresh while its reads keep changing, less often
 * while they do not. A language waiting for a training lane, or translating between two heartbeats (the SDK sends a
 * stage's heartbeat to Temporal at most every 24 s), reads the same at refresh after refresh; each unchanged read
 * lets one more refresh pass without a {@code describe}, up to {@code maxSkipped}, and the first changed read brings
 * it back to every refresh. What a page shows is so at most {@code (maxSkipped + 1)} refreshes old for a workflow
 * that had been idle, and as fresh as before for one that changes.
 *
 * @param <T> what a read gives; compared with {@code equals}
 */
final class Rereads<T> {
    private record Last<T>(T value, long atMillis, int unchanged) {
    }

    private final Cache<String, Last<T>> last = Caffeine.newBuilder().maximumSize(5_000)
            .expireAfterAccess(Duration.ofMinutes(30)).build();
    private final long refreshMillis;
    private final int maxSkipped;
    private final LongSupplier clock;
    private final Predicate<T> reusable;

    /** {@code reusable}: which reads may stand for later ones (a workflow not started yet is read at every refresh). */
    Rereads(Duration refresh, int maxSkipped, LongSupplier clock, Predicate<T> reusable) {
        this.refreshMillis = refresh.toMillis();
        this.maxSkipped = maxSkipped;
        this.clock = clock;
        this.reusable = reusable;
    }

    /** The last read of {@code key} while it is fresh enough for its streak of unchanged reads, or a new one. */
    T get(String key, Supplier<T> read) {
        long now = clock.getAsLong();
        Last<T> known = last.getIfPresent(key);
        // a quarter of a refresh of slack: refreshes come a little early or late
        if (known != null && reusable.test(known.value()) && now - known.atMillis() < Math.min(known.unchanged(), maxSkipped) * refreshMillis
                + refreshMillis / 4) {
            return known.value();
        }
        T value = read.get();
        int unchanged = known != null && known.value().equals(value) ? known.unchanged() + 1 : 0;
        last.put(key, new Last<>(value, now, unchanged));
        return value;
    }
}
