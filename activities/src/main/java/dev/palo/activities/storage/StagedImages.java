package dev.palo.activities.storage;

import dev.palo.workflows.ArtifactRef;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Collection;
import java.util.Optional;

/**
 * Images that records reference, copied from under an object-store prefix into a local root laid
 * out like the prefix. An image already in the root with the stored sha256 is kept (stages on one
 * worker share a root); others are downloaded beside their target and moved into place, so a
 * concurrent reader never sees half a file. An image missing from the store stays missing locally:
 * the caller decides what that means for its record.
 *
 * @param root       local folder laid out like the store's image prefix
 * @param referenced distinct image paths asked for
 * @param found      how many of them were in the store
 */
public record StagedImages(Path root, int referenced, int found) {

    /** Fetches {@code images} (paths relative to {@code prefix}) into {@code root}. */
    public static StagedImages fetch(ObjectStore store, String prefix, Collection<String> images, Path root)
            throws IOException {
        Path imageRoot = Files.createDirectories(root).toAbsolutePath().normalize();
        String keyPrefix = prefix.endsWith("/") ? prefix : prefix + "/";
        int found = 0;
        for (String image : images) {
            Path target = imageRoot.resolve(image).normalize();
            // a path leaving the root is never fetched: it stays missing, and its record is rejected by name
            Optional<ArtifactRef> stored = target.startsWith(imageRoot) ? store.stat(keyPrefix + image)
                    : Optional.empty();
            if (stored.isPresent()) {
                if (!Files.isRegularFile(target) || !Sha256.of(target).equals(stored.get().sha256())) {
                    Files.createDirectories(target.getParent());
                    Path partial = Files.createTempFile(target.getParent(), ".fetch-", ".part");
                    try {
                        store.download(stored.get(), partial);
                        Files.move(partial, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
                    } finally {
                        Files.deleteIfExists(partial);
                    }
                }
                found++;
            }
        }
        return new StagedImages(imageRoot, images.size(), found);
    }
}
