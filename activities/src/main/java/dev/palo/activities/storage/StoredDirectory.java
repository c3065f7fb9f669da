package dev.palo.activities.storage;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.palo.workflows.ArtifactRef;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * A local directory kept in the object store as its files plus an index written last; the index's ref is the claim
 * check for the whole directory (model bundles, training checkpoints, benches). Downloads land in a local cache
 * keyed by the index's sha256, so a worker fetches each directory once.
 */
public final class StoredDirectory {
    public static final String MEDIA_TYPE = "application/vnd.palo.directory+json";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final ObjectStore store;
    private final Path cacheRoot;

    public StoredDirectory(ObjectStore store, Path cacheRoot) {
        this.store = store;
        this.cacheRoot = cacheRoot;
    }

    /** One file of a stored directory: its path relative to the directory and where it is stored. */
    public record Entry(String path, ArtifactRef ref) {
    }

    /** The index: files in path order, so the same content always gives the same index bytes. */
    public record Index(List<Entry> files) {
        public Index {
            files = List.copyOf(files);
        }
    }

    /**
     * Uploads every regular file under {@code dir} below {@code keyPrefix}, then the index beside the prefix
     * ({@code <prefix>.directory.json}); returns the index's ref.
     */
    public ArtifactRef upload(String keyPrefix, Path dir) throws IOException {
        String prefix = keyPrefix.endsWith("/") ? keyPrefix : keyPrefix + "/";
        List<Entry> entries = new ArrayList<>();
        for (Path file : regularFiles(dir)) {
            String relative = dir.relativize(file).toString().replace('\\', '/');
            entries.add(new Entry(relative, store.put(prefix + relative, file, mediaType(relative), 0)));
        }
        String indexKey = prefix.substring(0, prefix.length() - 1) + ".directory.json";
        return store.put(indexKey, JSON.writeValueAsBytes(new Index(entries)), MEDIA_TYPE, entries.size());
    }

    /**
     * A folder of a stored directory as a stored directory of its own, without copying a file: a new index of the
     * same objects, written beside the parent's index ({@code <parent>.<folder>.directory.json}).
     */
    public ArtifactRef subdirectory(ArtifactRef index, String folder) throws IOException {
        String prefix = folder.endsWith("/") ? folder : folder + "/";
        List<Entry> inside = read(index).files().stream()
                .filter(entry -> entry.path().startsWith(prefix))
                .map(entry -> new Entry(entry.path().substring(prefix.length()), entry.ref()))
                .toList();
        if (inside.isEmpty()) {
            throw new IllegalArgumentException("stored directory " + index.uri() + " has no folder " + folder);
        }
        String indexKey = keyOf(index).replaceFirst("\\.directory\\.json$", "")
                + "." + prefix.substring(0, prefix.length() - 1).replace('/', '.') + ".directory.json";
        return store.put(indexKey, JSON.writeValueAsBytes(new Index(inside)), MEDIA_TYPE, inside.size());
    }

    /** The files of a stored directory. */
    public Index read(ArtifactRef index) throws IOException {
        if (!MEDIA_TYPE.equals(index.mediaType())) {
            throw new IllegalArgumentException("not a stored directory (media type " + index.mediaType() + "): "
                    + index.uri());
        }
        try (InputStream in = store.open(index)) {
            return JSON.readValue(in, Index.class);
        }
    }

    /** The directory behind {@code index}, downloaded (every file's sha256 checked) unless already cached. */
    public Path download(ArtifactRef index) throws IOException {
        Path target = cacheRoot.resolve(index.sha256());
        if (Files.isDirectory(target)) {
            return target;
        }
        Index files = read(index);
        Path partial = Files.createDirectories(cacheRoot).resolve(index.sha256() + ".partial-" + UUID.randomUUID());
        for (Entry entry : files.files()) {
            Path file = partial.resolve(entry.path()).normalize();
            if (!file.startsWith(partial)) {
                throw new IOException("stored directory " + index.uri() + " names a path outside itself: "
                        + entry.path());
            }
            Files.createDirectories(file.getParent());
            store.download(entry.ref(), file);
        }
        try {
            Files.move(partial, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            if (!Files.isDirectory(target)) {
                throw e;
            }
            LocalFolders.delete(partial); // another thread of this worker finished the same download first
        }
        return target;
    }

    private String keyOf(ArtifactRef ref) {
        String root = store.uri("");
        if (!ref.uri().startsWith(root)) {
            throw new IllegalArgumentException(ref.uri() + " is not in this store's bucket (" + root + ")");
        }
        return ref.uri().substring(root.length());
    }

    private static List<Path> regularFiles(Path dir) throws IOException {
        try (Stream<Path> walk = Files.walk(dir)) {
            return walk.filter(Files::isRegularFile).sorted(Comparator.comparing(Path::toString)).toList();
        }
    }

    private static String mediaType(String path) {
        return path.endsWith(".json") ? "application/json" : "application/octet-stream";
    }
}
