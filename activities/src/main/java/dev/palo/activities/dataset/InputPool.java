package dev.palo.activities.dataset;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.concurrent.CompletionService;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorCompletionService;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs tasks {@code 0 … n-1} on up to {@code threads} lanes, each a thread that takes the next task when it finished
 * one (with one lane, on the caller's thread); a task knows its lane, so it can write to what only that lane writes.
 * The first task that fails interrupts the others (a task checks {@link #checkInterrupted()} between its steps), and
 * {@link #run} throws that failure once every lane ended, so no task still writes when the caller cleans up.
 */
final class InputPool {
    private final int lanes;

    InputPool(int threads) {
        this.lanes = Math.max(1, threads);
    }

    int lanes() {
        return lanes;
    }

    @FunctionalInterface
    interface Task {
        void run(int index, int lane) throws IOException;
    }

    /** Throws when this thread was interrupted: another task failed, or the caller was interrupted. */
    static void checkInterrupted() throws InterruptedIOException {
        if (Thread.currentThread().isInterrupted()) {
            throw new InterruptedIOException("another input of the build failed, or the build was interrupted");
        }
    }

    void run(int tasks, Task task) throws IOException {
        if (lanes == 1) {
            for (int i = 0; i < tasks; i++) {
                task.run(i, 0);
            }
            return;
        }
        ExecutorService pool = Executors.newFixedThreadPool(lanes, runnable -> {
            Thread thread = new Thread(runnable, "dataset-build");
            thread.setDaemon(true);
            return thread;
        });
        AtomicInteger next = new AtomicInteger();
        try {
            CompletionService<Void> done = new ExecutorCompletionService<>(pool);
            for (int l = 0; l < lanes; l++) {
                int lane = l;
                done.submit(() -> {
                    for (int i = next.getAndIncrement(); i < tasks; i = next.getAndIncrement()) {
                        task.run(i, lane);
                    }
                    return null;
                });
            }
            for (int l = 0; l < lanes; l++) {
                done.take().get();
            }
        } catch (ExecutionException e) {
            if (e.getCause() instanceof IOException io) {
                throw io;
            } else if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new IOException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("the build was interrupted");
        } finally {
            pool.shutdownNow();
            awaitEnd(pool);
        }
    }

    /** Until every lane ended, even when this thread is interrupted meanwhile (which it keeps). */
    private static void awaitEnd(ExecutorService pool) {
        boolean interrupted = false;
        while (!pool.isTerminated()) {
            try {
                pool.awaitTermination(1, TimeUnit.MINUTES);
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}
