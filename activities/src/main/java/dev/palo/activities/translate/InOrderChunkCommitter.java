package dev.palo.activities.translate;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Iterator;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import java.util.function.IntConsumer;

/**
 * Runs chunks ahead while committing them strictly in order. Up to {@code window} chunks are
 * started and not yet committed; the oldest is committed as soon as it is done (and, being the
 * oldest, every earlier chunk already is), then the next chunk starts. Work on the chunk behind
 * fills the gap that the oldest chunk's last items leave, so a backend stays busy across chunk
 * boundaries. The price: a crash loses every started, uncommitted chunk — at most {@code window}.
 *
 * @param <T> a chunk's input
 * @param <R> a chunk's result
 */
final class InOrderChunkCommitter<T, R> {
    /** Commits one finished chunk (writes it, then heartbeats it as committed). */
    @FunctionalInterface
    interface Commit<R> {
        void commit(int chunk, R result) throws IOException;
    }

    private final int window;
    private final Duration poll;
    private final IntConsumer waiting;

    /**
     * @param window  most chunks started and not committed at once
     * @param poll    most time between two calls of {@code waiting} while the oldest chunk runs
     * @param waiting told the number of chunks committed so far, every {@code poll}, while nothing
     *                commits (the stage heartbeats it, so that a slow chunk is not a dead worker)
     */
    InOrderChunkCommitter(int window, Duration poll, IntConsumer waiting) {
        if (window <= 0) {
            throw new IllegalArgumentException("chunk window must be > 0, got " + window);
        }
        this.window = window;
        this.poll = poll;
        this.waiting = waiting;
    }

    /**
     * Starts every chunk of {@code chunks} (numbered from {@code firstChunk}), commits each in order,
     * and returns the number of the chunk after the last. A failed chunk or commit fails the run;
     * chunks after it are left uncommitted (the caller stops what they started).
     */
    int run(int firstChunk, Iterator<T> chunks, Function<T, ? extends Future<R>> start, Commit<R> commit)
            throws IOException {
        Deque<Future<R>> started = new ArrayDeque<>(window);
        int next = firstChunk;
        while (true) {
            while (started.size() < window && chunks.hasNext()) {
                started.addLast(start.apply(chunks.next()));
            }
            if (started.isEmpty()) {
                return next;
            }
            commit.commit(next, await(started.peekFirst(), next));
            started.removeFirst();
            next++;
        }
    }

    private R await(Future<R> chunk, int committed) {
        while (true) {
            try {
                return chunk.get(poll.toNanos(), TimeUnit.NANOSECONDS);
            } catch (TimeoutException notYet) {
                waiting.accept(committed);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new CompletionException(e);
            } catch (ExecutionException e) {
                throw unwrap(e);
            }
        }
    }

    /** The failure that the chunk's work threw, without the future's wrappers. */
    private static RuntimeException unwrap(ExecutionException e) {
        Throwable cause = e.getCause();
        while (cause instanceof CompletionException && cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause instanceof RuntimeException runtime ? runtime : new CompletionException(cause);
    }
}
