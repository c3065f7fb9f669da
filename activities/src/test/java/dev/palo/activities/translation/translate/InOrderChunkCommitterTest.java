package dev.palo.activities.translation.translate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class InOrderChunkCommitterTest {
    private static final Duration POLL = Duration.ofMillis(20);

    private final ExecutorService workers = Executors.newCachedThreadPool();
    /** Chunks whose work has started and whose commit has not happened yet. */
    private final AtomicInteger uncommitted = new AtomicInteger();
    private final AtomicInteger mostUncommitted = new AtomicInteger();
    private final List<Integer> started = new CopyOnWriteArrayList<>();
    private final List<Integer> committed = new CopyOnWriteArrayList<>();
    private final List<String> output = new CopyOnWriteArrayList<>();

    @AfterEach
    void stop() {
        workers.shutdownNow();
    }

    /** Chunk {@code c}'s work: sleeps {@code millis.apply(c)} then answers "chunk c", or throws for a failing chunk. */
    private CompletableFuture<String> start(int chunk, IntFunction<Long> millis, int failingChunk) {
        started.add(chunk);
        mostUncommitted.accumulateAndGet(uncommitted.incrementAndGet(), Math::max);
        return CompletableFuture.supplyAsync(() -> {
            sleep(millis.apply(chunk));
            if (chunk == failingChunk) {
                throw new IllegalStateException("chunk " + chunk + " failed");
            }
            return "chunk " + chunk;
        }, workers);
    }

    private void commit(int chunk, String result) {
        assertEquals("chunk " + chunk, result, "the result handed to commit is the chunk's own");
        committed.add(chunk);
        output.add(result);
        uncommitted.decrementAndGet();
    }

    private int run(int window, int first, int chunks, IntFunction<Long> millis, int failingChunk)
            throws Exception {
        return new InOrderChunkCommitter<Integer, String>(window, POLL, done -> { })
                .run(first, IntStream.range(first, chunks).iterator(), c -> start(c, millis, failingChunk),
                        this::commit);
    }

    @Test
    void commitsInOrderWhenLaterChunksFinishFirst() throws Exception {
        // every chunk takes less time than the one before: completion order is the reverse of commit order
        int next = run(3, 0, 6, chunk -> 60L - 10 * chunk, -1);

        assertEquals(6, next);
        assertEquals(List.of(0, 1, 2, 3, 4, 5), committed);
        assertEquals(List.of("chunk 0", "chunk 1", "chunk 2", "chunk 3", "chunk 4", "chunk 5"), output);
    }

    @Test
    void keepsExactlyTheWindowOfChunksStartedAndUncommitted() throws Exception {
        run(2, 0, 8, chunk -> 15L, -1);

        assertEquals(2, mostUncommitted.get(), "the next chunk starts before the oldest commits, never more");
        assertEquals(IntStream.range(0, 8).boxed().toList(), started);
    }

    @Test
    void aWindowOfOneIsTheChunkBarrier() throws Exception {
        run(1, 0, 4, chunk -> 5L, -1);

        assertEquals(1, mostUncommitted.get());
        assertEquals(List.of(0, 1, 2, 3), committed);
    }

    @Test
    void aFailureMidWindowLosesOnlyUncommittedChunksAndAResumeRedoesOnlyThose() throws Exception {
        List<String> uninterrupted = new ArrayList<>();
        run(2, 0, 6, chunk -> 10L, -1);
        uninterrupted.addAll(output);
        output.clear();
        committed.clear();
        started.clear();
        uncommitted.set(0);

        // chunk 3 fails while chunk 4 is already running
        IllegalStateException failure = assertThrows(IllegalStateException.class,
                () -> run(2, 0, 6, chunk -> chunk == 4 ? 5L : 30L, 3));
        assertEquals("chunk 3 failed", failure.getMessage());
        assertEquals(List.of(0, 1, 2), committed, "every chunk before the failed one, nothing after");
        List<Integer> lost = started.stream().filter(c -> !committed.contains(c)).toList();
        assertTrue(lost.equals(List.of(3)) || lost.equals(List.of(3, 4)),
                "lost work: the failed chunk and at most the one started behind it: " + lost);

        started.clear();
        int next = run(2, committed.size(), 6, chunk -> 10L, -1);

        assertEquals(6, next);
        assertEquals(List.of(3, 4, 5), started, "the resume starts at the first uncommitted chunk");
        assertEquals(uninterrupted, output, "committed chunks of both attempts give the uninterrupted output");
    }

    @Test
    void aFailingCommitStopsTheRunWithItsError() {
        IllegalStateException storeDown = new IllegalStateException("store unavailable");
        InOrderChunkCommitter<Integer, String> committer = new InOrderChunkCommitter<>(2, POLL, done -> { });

        IllegalStateException thrown = assertThrows(IllegalStateException.class, () -> committer.run(0,
                List.of(0, 1, 2).iterator(), c -> start(c, chunk -> 1L, -1), (chunk, result) -> {
                    if (chunk == 1) {
                        throw storeDown;
                    }
                    commit(chunk, result);
                }));

        assertSame(storeDown, thrown);
        assertEquals(List.of(0), committed);
    }

    @Test
    void reportsTheCommittedCountEveryPollWhileTheOldestChunkRuns() throws Exception {
        List<Integer> waits = new CopyOnWriteArrayList<>();
        new InOrderChunkCommitter<Integer, String>(2, POLL, waits::add).run(0, List.of(0, 1).iterator(),
                c -> start(c, chunk -> (chunk == 0 ? 3 : 10) * POLL.toMillis(), -1), this::commit);

        assertTrue(waits.size() >= 5, "waited " + waits);
        assertEquals(0, waits.get(0), "while chunk 0 ran nothing was committed");
        assertEquals(1, waits.get(waits.size() - 1), "while chunk 1 ran, chunk 0 was committed");
    }

    @Test
    void chunksThatFinishWhileACommitRunsAreCommittedTogetherInOrder() throws Exception {
        List<List<Integer>> batches = new CopyOnWriteArrayList<>();
        int next = new InOrderChunkCommitter<Integer, String>(2, 8, POLL, done -> { }, () -> true).runBatched(0,
                IntStream.range(0, 6).iterator(), c -> start(c, chunk -> 5L, -1), (first, results) -> {
                    batches.add(IntStream.range(first, first + results.size()).boxed().toList());
                    for (int i = 0; i < results.size(); i++) {
                        commit(first + i, results.get(i));
                    }
                    sleep(first == 0 ? 100 : 0); // the first commit is slow: later chunks finish meanwhile
                });

        assertEquals(6, next);
        assertEquals(List.of(0, 1, 2, 3, 4, 5), committed);
        assertTrue(batches.size() < 6, "some chunks were committed together: " + batches);
        assertEquals(committed, batches.stream().flatMap(List::stream).toList());
    }

    @Test
    void rejectsAnEmptyWindow() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new InOrderChunkCommitter<Integer, String>(0, POLL, done -> { }));
        assertTrue(e.getMessage().contains("window"), e.getMessage());
    }

    private static void sleep(long millis) {
        try {
            TimeUnit.MILLISECONDS.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
