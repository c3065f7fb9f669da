package dev.palo.workflows.dataset;

/**
 * What decides the dataset's bytes besides its inputs; part of the stage's cache key.
 *
 * @param seed      shuffle seed: the same inputs and seed give byte-identical shards
 * @param shardSize records per shard (the last shard may hold fewer)
 */
public record DatasetConfig(long seed, int shardSize) {
    /** Used when a pipeline names no dataset settings. */
    public static DatasetConfig defaults() {
        return new DatasetConfig(7, 50_000);
    }

    public DatasetConfig {
        if (shardSize <= 0) {
            throw new IllegalArgumentException("dataset shardSize must be > 0, got " + shardSize);
        }
    }
}
