package dev.palo.activities.support;

import dev.palo.activities.storage.ObjectStore;
import dev.palo.activities.storage.Sha256;
import dev.palo.workflows.ArtifactRef;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.CopyOnWriteArrayList;

/** An object store in memory, for unit tests of what stages write; the real one is tested in *IT. */
public final class InMemoryObjectStore implements ObjectStore {
    private record StoredObject(byte[] content, ArtifactRef ref) {
    }

    private final Map<String, StoredObject> objects = new ConcurrentSkipListMap<>();
    private final List<String> statted = new CopyOnWriteArrayList<>();
    private final List<String> written = new CopyOnWriteArrayList<>();

    /** The keys looked up so far, in order: every read of an object starts with one. */
    public List<String> statted() {
        return List.copyOf(statted);
    }

    /** The keys written so far, in order (what a stage commits last, say). */
    public List<String> written() {
        return List.copyOf(written);
    }

    @Override
    public ArtifactRef put(String key, Path file, String mediaType, long recordCount) throws IOException {
        return put(key, Files.readAllBytes(file), mediaType, recordCount);
    }

    @Override
    public ArtifactRef put(String key, byte[] content, String mediaType, long recordCount) {
        ArtifactRef ref = new ArtifactRef(uri(key), Sha256.of(content), content.length, mediaType, recordCount);
        objects.put(key, new StoredObject(content.clone(), ref));
        written.add(key);
        return ref;
    }

    @Override
    public InputStream open(ArtifactRef ref) throws IOException {
        return new ByteArrayInputStream(bytes(ref));
    }

    @Override
    public void download(ArtifactRef ref, Path target) throws IOException {
        Files.write(target, bytes(ref));
    }

    @Override
    public Optional<ArtifactRef> stat(String key) {
        statted.add(key);
        return Optional.ofNullable(objects.get(key)).map(StoredObject::ref);
    }

    @Override
    public List<String> list(String prefix) {
        return objects.keySet().stream().filter(k -> k.startsWith(prefix)).toList();
    }

    @Override
    public String uri(String key) {
        return "s3://memory/" + key;
    }

    public byte[] bytes(ArtifactRef ref) throws IOException {
        StoredObject object = objects.get(ref.uri().substring(uri("").length()));
        if (object == null) {
            throw new IOException("no object at " + ref.uri());
        }
        return object.content().clone();
    }
}
