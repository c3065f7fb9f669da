package dev.palo.activities.translation.base;

import dev.palo.activities.storage.ObjectStore;
import dev.palo.activities.storage.StageLocation;
import dev.palo.activities.storage.StoredDirectory;
import dev.palo.workflows.ArtifactRef;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Optional;

/**
 * Training states of one stage attempt chain in the object store, {@code <stage prefix>/checkpoints/step-NNNNNNNN/}.
 * Each is a stored directory whose index is written last, so an index present means a complete checkpoint; the
 * newest one (highest step) is where a retried attempt resumes.
 */
final class TrainingCheckpoints {
    private static final String INDEX_SUFFIX = ".directory.json";

    private final ObjectStore store;
    private final StoredDirectory directories;
    private final String prefix;

    TrainingCheckpoints(ObjectStore store, Path cacheRoot, StageLocation location) {
        this.store = store;
        this.directories = new StoredDirectory(store, cacheRoot);
        this.prefix = location.key("checkpoints/");
    }

    ArtifactRef save(int stepsDone, Path stateDir) throws IOException {
        return directories.upload(prefix + String.format("step-%08d", stepsDone), stateDir);
    }

    /** The newest complete checkpoint, downloaded, or empty when no attempt stored one. */
    Optional<Path> latest() throws IOException {
        Optional<String> newest = store.list(prefix).stream()
                .filter(key -> key.endsWith(INDEX_SUFFIX))
                .max(Comparator.naturalOrder());
        if (newest.isEmpty()) {
            return Optional.empty();
        }
        ArtifactRef index = store.stat(newest.get())
                .orElseThrow(() -> new IOException("checkpoint index vanished: " + newest.get()));
        return Optional.of(directories.download(index));
    }
}
