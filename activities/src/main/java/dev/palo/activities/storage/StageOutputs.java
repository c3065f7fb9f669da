package dev.palo.activities.storage;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.palo.workflows.ArtifactRef;
import dev.palo.workflows.StageResult;
import java.io.IOException;
import java.io.InputStream;
import java.util.Optional;

/** Idempotent stage outputs: the manifest written last, and the cross-run stage cache. */
public final class StageOutputs {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String MEDIA_TYPE = "application/json";

    private final ObjectStore store;

    public StageOutputs(ObjectStore store) {
        this.store = store;
    }

    /**
     * The stage's result when this run already finished it (a retry after the manifest was
     * written) or when an earlier run finished the same cache key (recorded as a cache hit).
     */
    public Optional<StageResult> reuse(StageLocation location) throws IOException {
        Optional<ArtifactRef> own = store.stat(location.manifestKey());
        if (own.isPresent()) {
            Manifest manifest = read(own.get());
            if (!manifest.cacheHit() && !store.exists(location.cacheEntryKey())) {
                write(location.cacheEntryKey(), manifest); // the attempt that committed died before publishing
            }
            return Optional.of(manifest.toResult(own.get()));
        }
        Optional<ArtifactRef> cached = store.stat(location.cacheEntryKey());
        if (cached.isEmpty()) {
            return Optional.empty();
        }
        Manifest earlier = read(cached.get());
        return Optional.of(write(location.manifestKey(), earlier.reusedBy(location.runId())));
    }

    /** Writes the manifest (after every output) and then publishes it to the stage cache. */
    public StageResult commit(StageLocation location, Manifest manifest) throws IOException {
        StageResult result = write(location.manifestKey(), manifest);
        write(location.cacheEntryKey(), manifest);
        return result;
    }

    private StageResult write(String key, Manifest manifest) throws IOException {
        ArtifactRef ref = store.put(key, JSON.writeValueAsBytes(manifest), MEDIA_TYPE, 0);
        return manifest.toResult(ref);
    }

    private Manifest read(ArtifactRef ref) throws IOException {
        try (InputStream in = store.open(ref)) {
            return JSON.readValue(in, Manifest.class);
        }
    }
}
