package dev.palo.activities.dataset;

import java.io.IOException;
import java.nio.file.Path;

/** Where finished shards go: the object store in the stage, nowhere but a checksum in the benchmark. */
interface ShardSink {
    /**
     * True when an earlier attempt already stored shard {@code name}. Shards are deterministic, so
     * the stored one has the bytes this attempt would write and the builder skips writing it.
     */
    boolean alreadyStored(String name) throws IOException;

    /** Takes a finished shard; the file is deleted once this returns. */
    void store(String name, Path file, long records) throws IOException;
}
