package dev.palo.activities.dataset;

import dev.palo.data.llava.LlavaJsonWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Cuts the output stream into {@code part-NNNNN.json} files of {@code shardSize} records each. */
final class ShardWriter implements AutoCloseable {
    private final Path dir;
    private final int shardSize;
    private final ShardSink sink;
    private int shards;
    private long inShard;
    private boolean skipping;
    private LlavaJsonWriter writer;

    ShardWriter(Path dir, int shardSize, ShardSink sink) {
        this.dir = dir;
        this.shardSize = shardSize;
        this.sink = sink;
    }

    static String name(int shard) {
        return String.format("part-%05d.json", shard);
    }

    /** Appends one record, as {@code LlavaRecordJson.toBytes} encoded it. */
    void write(byte[] json) throws IOException {
        if (inShard == 0) {
            skipping = sink.alreadyStored(name(shards));
            writer = skipping ? null : LlavaJsonWriter.create(dir.resolve(name(shards)));
        }
        if (!skipping) {
            writer.writeEncoded(json);
        }
        if (++inShard == shardSize) {
            finishShard();
        }
    }

    int shards() {
        return shards;
    }

    /** Stores the last, partly filled shard. Call once every record is written. */
    void finish() throws IOException {
        if (inShard > 0) {
            finishShard();
        }
    }

    /** Releases the shard file being written, if any, without storing it: a partial shard never leaves. */
    @Override
    public void close() {
        if (writer != null) {
            writer.close();
            writer = null;
        }
    }

    private void finishShard() throws IOException {
        if (!skipping) {
            writer.close();
            writer = null;
            Path file = dir.resolve(name(shards));
            sink.store(name(shards), file, inShard);
            Files.delete(file);
        }
        shards++;
        inShard = 0;
    }
}
