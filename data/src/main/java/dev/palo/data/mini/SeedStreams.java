package dev.palo.data.mini;

import java.util.SplittableRandom;

/**
 * Independent random streams derived from one seed, one per named purpose, so that changing how much one part
 * draws never shifts another part's output.
 */
final class SeedStreams {

    private final long seed;

    SeedStreams(long seed) {
        this.seed = seed;
    }

    SplittableRandom stream(String name) {
        return new SplittableRandom(new SplittableRandom(seed).nextLong() ^ (name.hashCode() * 0x9E3779B97F4A7C15L));
    }
}
