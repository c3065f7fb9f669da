package dev.palo.activities.llm;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * Retries that a group of requests (one chunk of the translate stage) may spend together. Each
 * request retries every transient answer while the budget lasts; once it is spent, the next
 * transient answer fails its request, and with it the chunk and the attempt, which Temporal
 * retries from the last committed chunk. A broken endpoint thus fails fast instead of every
 * request backing off alone, while a flaky one (a few per cent of bad answers) never exhausts it.
 */
public final class RetryBudget {
    private final int total;
    private final AtomicInteger left;

    private RetryBudget(int total) {
        this.total = total;
        this.left = new AtomicInteger(total);
    }

    public static RetryBudget of(int retries) {
        if (retries < 0) {
            throw new IllegalArgumentException("a retry budget must be >= 0, got " + retries);
        }
        return new RetryBudget(retries);
    }

    /**
     * The translate stage's budget for a chunk of {@code requests}: {@code maxAttempts} retries plus
     * one for every other request, so a chunk survives one bad answer in two on average.
     */
    public static RetryBudget forChunk(int requests, int maxAttempts) {
        return of(Math.max(1, maxAttempts) + requests / 2);
    }

    /** Takes one retry; false when none is left. */
    public boolean tryTake() {
        return left.getAndUpdate(n -> n > 0 ? n - 1 : 0) > 0;
    }

    public boolean spent() {
        return left.get() == 0;
    }

    public int total() {
        return total;
    }

    @Override
    public String toString() {
        return left.get() + " of " + total + " retries left";
    }
}
