package dev.palo.activities.dataset;

import dev.palo.activities.storage.ObjectStore;
import dev.palo.activities.storage.StageLocation;
import dev.palo.workflows.ArtifactRef;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Shards uploaded under the stage's location; those an earlier attempt uploaded are kept as they are. */
final class StoredShards implements ShardSink {
    private static final String MEDIA_TYPE = "application/json";

    private final ObjectStore store;
    private final StageLocation location;
    private final List<ArtifactRef> refs = new ArrayList<>();
    private int reused;

    StoredShards(ObjectStore store, StageLocation location) {
        this.store = store;
        this.location = location;
    }

    @Override
    public boolean alreadyStored(String name) throws IOException {
        Optional<ArtifactRef> stored = store.stat(location.key(name));
        stored.ifPresent(refs::add);
        reused += stored.isPresent() ? 1 : 0;
        return stored.isPresent();
    }

    @Override
    public void store(String name, Path file, long records) throws IOException {
        refs.add(store.put(location.key(name), file, MEDIA_TYPE, records));
    }

    /** Every shard in order. */
    List<ArtifactRef> refs() {
        return List.copyOf(refs);
    }

    int reused() {
        return reused;
    }
}
