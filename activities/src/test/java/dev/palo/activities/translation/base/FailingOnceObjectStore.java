package dev.palo.activities.translation.base;

import dev.palo.activities.storage.ObjectStore;
import dev.palo.workflows.ArtifactRef;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

/** Fails the first upload whose key matches, as a worker dying at that point would; everything else passes through. */
final class FailingOnceObjectStore implements ObjectStore {
    private final ObjectStore store;
    private final Predicate<String> failOn;
    private boolean failed;

    FailingOnceObjectStore(ObjectStore store, Predicate<String> failOn) {
        this.store = store;
        this.failOn = failOn;
    }

    private synchronized void maybeFail(String key) throws IOException {
        if (!failed && failOn.test(key)) {
            failed = true;
            throw new IOException("injected failure before uploading " + key);
        }
    }

    @Override
    public ArtifactRef put(String key, Path file, String mediaType, long recordCount) throws IOException {
        maybeFail(key);
        return store.put(key, file, mediaType, recordCount);
    }

    @Override
    public ArtifactRef put(String key, byte[] content, String mediaType, long recordCount) throws IOException {
        maybeFail(key);
        return store.put(key, content, mediaType, recordCount);
    }

    @Override
    public InputStream open(ArtifactRef ref) throws IOException {
        return store.open(ref);
    }

    @Override
    public void download(ArtifactRef ref, Path target) throws IOException {
        store.download(ref, target);
    }

    @Override
    public Optional<ArtifactRef> stat(String key) throws IOException {
        return store.stat(key);
    }

    @Override
    public List<String> list(String prefix) throws IOException {
        return store.list(prefix);
    }

    @Override
    public String uri(String key) {
        return store.uri(key);
    }
}
