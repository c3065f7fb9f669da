package dev.palo.model.train;

import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * DJL's PyTorch engine allows one gradient collector per process (vision pretraining records with one), and steps of
 * two models at once would only share the cores. So training steps of different models in one process (a worker
 * running several stages) take turns, one whole step at a time, in arrival order.
 */
public final class TrainingStepLock {
    private static final ReentrantLock LOCK = new ReentrantLock(true);

    private TrainingStepLock() {
    }

    public static <T> T run(Supplier<T> step) {
        LOCK.lock();
        try {
            return step.get();
        } finally {
            LOCK.unlock();
        }
    }
}
