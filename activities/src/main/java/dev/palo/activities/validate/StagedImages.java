package dev.palo.activities.validate;

import dev.palo.activities.storage.ObjectStore;
import dev.palo.data.llava.LlavaJsonReader;
import dev.palo.data.llava.LlavaRecord;
import dev.palo.workflows.ArtifactRef;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;

/**
 * The images a source references, copied from the store into a local image root for the
 * validator. Only images of records that passed the text checks are fetched: the validator checks
 * no other. An image missing from the store stays missing locally, and the validator quarantines
 * its record.
 *
 * @param root       local folder laid out like the store's image prefix
 * @param referenced distinct image paths of the text-valid records
 * @param found      how many of them were in the store
 */
record StagedImages(Path root, int referenced, int found) {

    /** Fetches the images that the records of {@code textValid} name from under {@code prefix} into {@code root}. */
    static StagedImages fetch(ObjectStore store, String prefix, Path textValid, Path root) throws IOException {
        Set<String> images = new LinkedHashSet<>();
        try (LlavaJsonReader reader = LlavaJsonReader.open(textValid)) {
            reader.stream().filter(LlavaRecord::hasImage).forEach(record -> images.add(record.image()));
        }
        Path imageRoot = Files.createDirectories(root).toAbsolutePath().normalize();
        String keyPrefix = prefix.endsWith("/") ? prefix : prefix + "/";
        int found = 0;
        for (String image : images) {
            Path target = imageRoot.resolve(image).normalize();
            // a path leaving the root is never fetched; the validator rejects it by name
            Optional<ArtifactRef> stored = target.startsWith(imageRoot) ? store.stat(keyPrefix + image)
                    : Optional.empty();
            if (stored.isPresent()) {
                Files.createDirectories(target.getParent());
                store.download(stored.get(), target);
                found++;
            }
        }
        return new StagedImages(imageRoot, images.size(), found);
    }
}
