package dev.palo.activities.translation.translate;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Independent remote calls of one step (a chunk commit's store writes and its metric) made at once,
 * so the step takes as long as the slowest call, not their sum; the step fails with the first
 * failure once every call has ended.
 */
final class ParallelIo implements AutoCloseable {
    /** One remote call. */
    @FunctionalInterface
    interface Call {
        void run() throws IOException;
    }

    private final ExecutorService threads;

    ParallelIo(int threads) {
        this.threads = Executors.newFixedThreadPool(threads, runnable -> {
            Thread thread = new Thread(runnable, "chunk-commit-io");
            thread.setDaemon(true);
            return thread;
        });
    }

    void all(List<Call> calls) throws IOException {
        CompletableFuture<?>[] running = calls.stream().map(call -> CompletableFuture.runAsync(() -> {
            try {
                call.run();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }, threads)).toArray(CompletableFuture[]::new);
        try {
            CompletableFuture.allOf(running).join();
        } catch (CompletionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof UncheckedIOException io) {
                throw io.getCause();
            }
            throw cause instanceof RuntimeException runtime ? runtime : e;
        }
    }

    @Override
    public void close() {
        threads.shutdownNow();
    }
}
