package dev.palo.model.train;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The sample order: each epoch a permutation drawn from (seed, epoch), read front to back. Its
 * position (epoch, index) is part of the training state, so a resumed run reads the same samples.
 */
public final class DataOrder {
    private final int size;
    private final long seed;
    private int epoch;
    private int index;
    private int[] permutation;

    public DataOrder(int size, long seed, int epoch, int index) {
        if (size < 1) {
            throw new IllegalArgumentException("the training dataset is empty");
        }
        if (epoch < 0 || index < 0 || index > size) {
            throw new IllegalArgumentException("data position (epoch " + epoch + ", index " + index
                    + ") is outside a dataset of " + size);
        }
        this.size = size;
        this.seed = seed;
        this.epoch = epoch;
        this.index = index;
        this.permutation = permutation(size, seed, epoch);
    }

    /** The next {@code count} sample indices, moving into the next epoch when this one runs out. */
    public List<Integer> next(int count) {
        List<Integer> out = new ArrayList<>(count);
        while (out.size() < count) {
            if (index == size) {
                epoch++;
                index = 0;
                permutation = permutation(size, seed, epoch);
            }
            out.add(permutation[index++]);
        }
        return out;
    }

    public int epoch() {
        return epoch;
    }

    public int index() {
        return index;
    }

    /** Fisher–Yates with a generator seeded from (seed, epoch) alone. */
    static int[] permutation(int size, long seed, int epoch) {
        SplittableRandom random = new SplittableRandom(seed * 0x9E3779B97F4A7C15L + epoch);
        int[] order = new int[size];
        for (int i = 0; i < size; i++) {
            order[i] = i;
        }
        for (int i = size - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
        return order;
    }
}
