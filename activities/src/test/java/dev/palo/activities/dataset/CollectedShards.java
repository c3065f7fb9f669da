package dev.palo.activities.dataset;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** A shard sink that keeps every shard's name and bytes, in the order stored, for tests that compare builds. */
final class CollectedShards implements ShardSink {
    private final ByteArrayOutputStream shards = new ByteArrayOutputStream();

    @Override
    public boolean alreadyStored(String name) {
        return false;
    }

    @Override
    public void store(String name, Path file, long records) throws IOException {
        shards.write(name.getBytes(StandardCharsets.UTF_8));
        shards.write(Files.readAllBytes(file));
    }

    byte[] bytes() {
        return shards.toByteArray();
    }

    String text() {
        return shards.toString(StandardCharsets.UTF_8);
    }
}
