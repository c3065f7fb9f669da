package dev.palo.activities.dataset;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Temporary files that split records by shuffle key: bucket {@code b} of {@code n} holds the keys
 * in the b-th n-th of the unsigned key range, so sorting each bucket and concatenating the buckets
 * in order sorts everything. Entries keep their arrival order inside a bucket.
 */
final class BucketFiles implements AutoCloseable {
    private static final int BUFFER_BYTES = 1 << 15;

    private final Path dir;
    private final DataOutputStream[] outs;
    private final long[] counts;

    BucketFiles(Path dir, int buckets) throws IOException {
        this.dir = dir;
        this.outs = new DataOutputStream[buckets];
        this.counts = new long[buckets];
        for (int b = 0; b < buckets; b++) {
            outs[b] = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(file(b)), BUFFER_BYTES));
        }
    }

    int buckets() {
        return outs.length;
    }

    /** Entries added to all buckets, duplicates included: at most what pass two writes. */
    long entries() {
        long entries = 0;
        for (long count : counts) {
            entries += count;
        }
        return entries;
    }

    void add(BucketEntry entry) throws IOException {
        int bucket = (int) (((entry.shuffleKey() >>> 32) * outs.length) >>> 32);
        DataOutputStream out = outs[bucket];
        out.writeLong(entry.shuffleKey());
        out.writeUTF(entry.digest());
        out.writeUTF(entry.language());
        out.writeUTF(entry.source());
        out.writeInt(entry.json().length);
        out.write(entry.json());
        counts[bucket]++;
    }

    @Override
    public void close() throws IOException {
        for (DataOutputStream out : outs) {
            out.close();
        }
    }

    /**
     * A bucket's entries with duplicates removed (the first in arrival order stays), then deleted
     * from disk. Only distinct entries are held, so memory is bounded by distinct content per bucket.
     */
    List<BucketEntry> readDistinct(int bucket, Consumer<BucketEntry> duplicate) throws IOException {
        List<BucketEntry> entries = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(file(bucket)),
                BUFFER_BYTES))) {
            for (long i = 0; i < counts[bucket]; i++) {
                long key = in.readLong();
                String digest = in.readUTF();
                String language = in.readUTF();
                String source = in.readUTF();
                byte[] json = in.readNBytes(in.readInt());
                BucketEntry entry = new BucketEntry(key, digest, language, source, json);
                if (seen.add(digest)) {
                    entries.add(entry);
                } else {
                    duplicate.accept(entry);
                }
            }
        }
        Files.delete(file(bucket));
        return entries;
    }

    private Path file(int bucket) {
        return dir.resolve(String.format("bucket-%05d.bin", bucket));
    }
}
