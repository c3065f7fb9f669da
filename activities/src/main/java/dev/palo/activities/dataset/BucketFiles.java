package dev.palo.activities.dataset;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Temporary files that split records by shuffle key: bucket {@code b} of {@code n} holds the keys
 * in the b-th n-th of the unsigned key range, so sorting each bucket and concatenating the buckets
 * in order sorts everything. Each lane (one thread of pass one) writes files of its own, so threads never wait on
 * each other; each entry carries its place in the inputs, so what pass two keeps does not depend on which lane read
 * it or when.
 */
final class BucketFiles implements AutoCloseable {
    private static final int BUFFER_BYTES = 1 << 15;

    private final Path dir;
    private final DataOutputStream[][] outs;
    private final long[][] counts;

    BucketFiles(Path dir, int buckets, int lanes) throws IOException {
        this.dir = dir;
        this.outs = new DataOutputStream[lanes][buckets];
        this.counts = new long[lanes][buckets];
        for (int lane = 0; lane < lanes; lane++) {
            for (int b = 0; b < buckets; b++) {
                outs[lane][b] = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(file(lane, b)),
                        BUFFER_BYTES));
            }
        }
    }

    int buckets() {
        return outs[0].length;
    }

    /** Entries added to all buckets, duplicates included: at most what pass two writes. */
    long entries() {
        long entries = 0;
        for (long[] lane : counts) {
            for (long count : lane) {
                entries += count;
            }
        }
        return entries;
    }

    /** Appends to {@code lane}'s file of the entry's bucket; one thread per lane. */
    void add(int lane, BucketEntry entry) throws IOException {
        int bucket = (int) (((entry.shuffleKey() >>> 32) * buckets()) >>> 32);
        DataOutputStream out = outs[lane][bucket];
        out.writeLong(entry.shuffleKey());
        out.writeUTF(entry.digest());
        out.writeUTF(entry.language());
        out.writeUTF(entry.source());
        out.writeLong(entry.arrival());
        out.writeInt(entry.json().length);
        out.write(entry.json());
        counts[lane][bucket]++;
    }

    @Override
    public void close() throws IOException {
        for (DataOutputStream[] lane : outs) {
            for (DataOutputStream out : lane) {
                out.close();
            }
        }
    }

    /**
     * A bucket's entries from every lane with duplicates removed (the earliest in the inputs stays), then deleted
     * from disk. Only distinct entries are held, so memory is bounded by distinct content per bucket.
     */
    List<BucketEntry> readDistinct(int bucket, Consumer<BucketEntry> duplicate) throws IOException {
        List<BucketEntry> entries = new ArrayList<>();
        Map<String, Integer> seen = new HashMap<>();
        for (int lane = 0; lane < outs.length; lane++) {
            try (DataInputStream in = new DataInputStream(new BufferedInputStream(
                    Files.newInputStream(file(lane, bucket)), BUFFER_BYTES))) {
                for (long i = 0; i < counts[lane][bucket]; i++) {
                    long key = in.readLong();
                    String digest = in.readUTF();
                    String language = in.readUTF();
                    String source = in.readUTF();
                    long arrival = in.readLong();
                    byte[] json = in.readNBytes(in.readInt());
                    BucketEntry entry = new BucketEntry(key, digest, language, source, arrival, json);
                    Integer first = seen.putIfAbsent(digest, entries.size());
                    if (first == null) {
                        entries.add(entry);
                    } else if (arrival < entries.get(first).arrival()) {
                        duplicate.accept(entries.set(first, entry));
                    } else {
                        duplicate.accept(entry);
                    }
                }
            }
            Files.delete(file(lane, bucket));
        }
        return entries;
    }

    private Path file(int lane, int bucket) {
        return dir.resolve(String.format("bucket-%05d-%d.bin", bucket, lane));
    }
}
