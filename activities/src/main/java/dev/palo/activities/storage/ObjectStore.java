package dev.palo.activities.storage;

import dev.palo.workflows.ArtifactRef;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * The artifact store every stage reads and writes. Keys are paths inside the default bucket;
 * {@link ArtifactRef#uri()} names bucket and key, so refs stay valid across configurations.
 */
public interface ObjectStore {
    /** Uploads a file under {@code key}, recording its sha256 in the object's metadata. */
    ArtifactRef put(String key, Path file, String mediaType, long recordCount) throws IOException;

    /** Uploads small in-memory content (manifests, chunk indexes). */
    ArtifactRef put(String key, byte[] content, String mediaType, long recordCount) throws IOException;

    /** Streams an object; the caller closes the stream. */
    InputStream open(ArtifactRef ref) throws IOException;

    /** Downloads to {@code target} and checks the sha256 against the ref. */
    void download(ArtifactRef ref, Path target) throws IOException;

    /** The object's ref as stored (size, sha256 and media type from its metadata), if it exists. */
    Optional<ArtifactRef> stat(String key) throws IOException;

    default boolean exists(String key) throws IOException {
        return stat(key).isPresent();
    }

    /** Keys under a prefix, recursively, in lexical order. */
    List<String> list(String prefix) throws IOException;

    /** The {@code s3://bucket/key} uri of a key in the default bucket. */
    String uri(String key);
}
