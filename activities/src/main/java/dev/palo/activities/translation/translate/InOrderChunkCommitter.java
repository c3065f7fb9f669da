package dev.palo.activities.translation.translate;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.function.Function;
import java.util.function.IntConsumer;

/**
 * Runs chunks ahead while committing them strictly in order. At least {@code window} chunks are
 * started and not yet committed (while any are left); more, up to {@code maxWindow}, while the
 * backend says it wants more work ({@code wantsMore}: a chat endpoint whose queue runs short
 * because its chunks hold few new texts). Commits run on a thread of their own, in chunk order, so
 * that their I/O (the store, the tracker) never stops this thread from feeding the backend: as soon
 * as the oldest chunk is done it is handed to the committer and the window is topped up; it is also
 * topped up while the oldest runs. The committer takes every chunk handed over while its previous
 * commit ran as one batch, so that round trips are paid per batch when commits are slower than chunks. The price: a crash loses every started,
 * uncommitted chunk — at most {@code window} unless the backend keeps what it finished elsewhere
 * (the chat backend's translation cache).
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

    /**
     * Commits consecutive finished chunks at once, {@code firstChunk} on: every chunk that finished
     * while the previous commit ran, so that a commit's round trips are paid per batch, not per chunk.
     */
    @FunctionalInterface
    interface BatchCommit<R> {
        void commit(int firstChunk, List<R> results) throws IOException;
    }

    /** How often the window is topped up while the oldest chunk runs. */
    private static final long TOP_UP_NANOS = TimeUnit.MILLISECONDS.toNanos(5);

    private final int window;
    private final int maxWindow;
    private final Duration poll;
    private final IntConsumer waiting;
    private final BooleanSupplier wantsMore;

    /**
     * @param window  most chunks started and not committed at once
     * @param poll    most time between two calls of {@code waiting} while the oldest chunk runs
     * @param waiting told the number of chunks committed so far, every {@code poll}, while nothing
     *                commits (the stage heartbeats it, so that a slow chunk is not a dead worker)
     */
    InOrderChunkCommitter(int window, Duration poll, IntConsumer waiting) {
        this(window, window, poll, waiting, () -> false);
    }

    /**
     * @param maxWindow most chunks started and not committed while {@code wantsMore} says yes
     * @param wantsMore asked before each extra chunk beyond {@code window}
     */
    InOrderChunkCommitter(int window, int maxWindow, Duration poll, IntConsumer waiting, BooleanSupplier wantsMore) {
        if (window <= 0 || maxWindow < window) {
            throw new IllegalArgumentException("chunk window must be > 0 and <= its maximum, got " + window
                    + " and " + maxWindow);
        }
        this.window = window;
        this.maxWindow = maxWindow;
        this.poll = poll;
        this.waiting = waiting;
        this.wantsMore = wantsMore;
    }

    /**
     * Starts every chunk of {@code chunks} (numbered from {@code firstChunk}), commits each in order,
     * and returns the number of the chunk after the last. A failed chunk or commit fails the run
     * once the commits before it are done; chunks after it are left uncommitted (the caller stops
     * what they started).
     */
    int run(int firstChunk, Iterator<T> chunks, Function<T, ? extends Future<R>> start, Commit<R> commit)
            throws IOException {
        return runBatched(firstChunk, chunks, start, (first, results) -> {
            for (int i = 0; i < results.size(); i++) {
                commit.commit(first + i, results.get(i));
            }
        });
    }

    /** As {@link #run}, committing the chunks that are ready together. */
    int runBatched(int firstChunk, Iterator<T> chunks, Function<T, ? extends Future<R>> start, BatchCommit<R> commit)
            throws IOException {
        ExecutorService committer = Executors.newSingleThreadExecutor(runnable -> {
            Thread thread = new Thread(runnable, "chunk-committer");
            thread.setDaemon(true);
            return thread;
        });
        try {
            return new Run(firstChunk, chunks, start, commit, committer).toEnd();
        } finally {
            committer.shutdownNow();
        }
    }

    /** The state of one {@link #run}. */
    private final class Run {
        private final Iterator<T> chunks;
        private final Function<T, ? extends Future<R>> start;
        private final BatchCommit<R> commit;
        private final ExecutorService committer;
        private final Deque<Future<R>> translating = new ArrayDeque<>();
        private final AtomicInteger committed;
        /** Handed to the committer, not yet committed. */
        private final AtomicInteger committing = new AtomicInteger();
        /** Finished chunks waiting for the committer, in chunk order. */
        private final Queue<R> ready = new ConcurrentLinkedQueue<>();
        private CompletableFuture<Void> lastCommit = CompletableFuture.completedFuture(null);

        Run(int firstChunk, Iterator<T> chunks, Function<T, ? extends Future<R>> start, BatchCommit<R> commit,
            ExecutorService committer) {
            this.chunks = chunks;
            this.start = start;
            this.commit = commit;
            this.committer = committer;
            this.committed = new AtomicInteger(firstChunk);
        }

        int toEnd() throws IOException {
            long lastReport = System.nanoTime();
            while (true) {
                rethrowIfFailed(lastCommit);
                topUp();
                if (translating.isEmpty()) {
                    // every started chunk is with the committer: the window frees as commits land
                    await(lastCommit);
                    if (!chunks.hasNext()) {
                        return committed.get();
                    }
                    continue;
                }
                R result = null;
                try {
                    result = translating.peekFirst().get(Math.min(TOP_UP_NANOS, poll.toNanos()), TimeUnit.NANOSECONDS);
                } catch (TimeoutException notYet) {
                    if (System.nanoTime() - lastReport >= poll.toNanos()) {
                        waiting.accept(committed.get());
                        lastReport = System.nanoTime();
                    }
                    continue;
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new CompletionException(e);
                } catch (ExecutionException e) {
                    drainQuietly();
                    throw unwrap(e.getCause());
                }
                translating.removeFirst();
                handOver(result);
            }
        }

        private void topUp() {
            while (chunks.hasNext()) {
                int uncommitted = translating.size() + committing.get();
                if (uncommitted >= maxWindow || uncommitted >= window && !wantsMore.getAsBoolean()) {
                    return;
                }
                translating.addLast(start.apply(chunks.next()));
            }
        }

        /**
         * Queues the chunk behind the earlier ones; the committer takes every chunk ready when it gets to
         * run. A failed commit skips every later one.
         */
        private void handOver(R result) {
            committing.incrementAndGet();
            ready.add(result);
            lastCommit = lastCommit.thenRunAsync(this::commitReady, committer);
        }

        /** On the committer thread: commits what is ready (nothing when an earlier call took it). */
        private void commitReady() {
            List<R> batch = new ArrayList<>();
            for (R result = ready.poll(); result != null; result = ready.poll()) {
                batch.add(result);
            }
            if (batch.isEmpty()) {
                return;
            }
            try {
                commit.commit(committed.get(), batch);
                committed.addAndGet(batch.size());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } finally {
                committing.addAndGet(-batch.size());
            }
        }

        /** The commits before a failed chunk still land: they are complete, correct work. */
        private void drainQuietly() {
            try {
                lastCommit.join();
            } catch (CompletionException | java.util.concurrent.CancellationException ignored) {
                // the chunk's own failure is the one reported
            }
        }

        private void await(CompletableFuture<Void> commits) throws IOException {
            try {
                commits.join();
            } catch (CompletionException e) {
                throw rethrowable(e.getCause());
            }
        }

        private void rethrowIfFailed(CompletableFuture<Void> commits) throws IOException {
            if (commits.isCompletedExceptionally()) {
                await(commits);
            }
        }
    }

    private static IOException rethrowable(Throwable failure) {
        RuntimeException runtime = unwrap(failure);
        if (runtime instanceof UncheckedIOException io) {
            return io.getCause();
        }
        throw runtime;
    }

    /** The failure that the chunk's work threw, without the future's wrappers. */
    private static RuntimeException unwrap(Throwable failure) {
        Throwable cause = failure;
        while (cause instanceof CompletionException && cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause instanceof RuntimeException runtime ? runtime : new CompletionException(cause);
    }
}
