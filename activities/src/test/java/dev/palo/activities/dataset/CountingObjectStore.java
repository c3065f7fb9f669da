package dev.palo.activities.dataset;

import dev.palo.activities.storage.ObjectStore;
import dev.palo.activities.support.InMemoryObjectStore;
import dev.palo.workflows.ArtifactRef;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

/** An in-memory store that counts uploads and can fail one, as a worker dying mid-upload would. */
final class CountingObjectStore implements ObjectStore {
    final InMemoryObjectStore objects = new InMemoryObjectStore();
    final AtomicInteger puts = new AtomicInteger();
    private volatile Predicate<String> failPutOf = key -> false;

    void failPutOf(Predicate<String> keys) {
        failPutOf = keys;
    }

    @Override
    public ArtifactRef put(String key, Path file, String mediaType, long recordCount) throws IOException {
        check(key);
        return objects.put(key, file, mediaType, recordCount);
    }

    @Override
    public ArtifactRef put(String key, byte[] content, String mediaType, long recordCount) throws IOException {
        check(key);
        return objects.put(key, content, mediaType, recordCount);
    }

    private void check(String key) throws IOException {
        if (failPutOf.test(key)) {
            throw new IOException("upload of " + key + " failed (simulated)");
        }
        puts.incrementAndGet();
    }

    @Override
    public InputStream open(ArtifactRef ref) throws IOException {
        return objects.open(ref);
    }

    @Override
    public void download(ArtifactRef ref, Path target) throws IOException {
        objects.download(ref, target);
    }

    @Override
    public Optional<ArtifactRef> stat(String key) {
        return objects.stat(key);
    }

    @Override
    public List<String> list(String prefix) {
        return objects.list(prefix);
    }

    @Override
    public String uri(String key) {
        return objects.uri(key);
    }

    byte[] bytes(ArtifactRef ref) throws IOException {
        return objects.bytes(ref);
    }
}
