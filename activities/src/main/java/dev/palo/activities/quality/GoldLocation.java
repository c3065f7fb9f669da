package dev.palo.activities.quality;

import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import dev.palo.activities.storage.ObjectStore;
import dev.palo.data.mini.MiniManifest;
import dev.palo.workflows.ArtifactRef;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Where PALO-mini keeps one language's gold relative to an English source in the object store: a
 * {@code manifest.json} in a folder above the source whose {@code translation_sets.<code>} names that
 * source and its gold file (the layout {@code ./palo data mini} writes, uploaded as a tree).
 *
 * @param root     the PALO-mini tree's key prefix, ending in {@code /} (or empty at the bucket's root)
 * @param manifest the tree's manifest
 * @param goldPath the gold file's path inside the tree
 * @param gold     the gold file
 */
record GoldLocation(String root, ArtifactRef manifest, String goldPath, ArtifactRef gold) {
    private static final String MANIFEST = MiniManifest.FILE;

    /** The gold of {@code language} for {@code origin}, or empty with nothing found; {@code reason} says why. */
    static Optional<GoldLocation> find(ObjectStore store, ArtifactRef origin, String language, StringBuilder reason)
            throws IOException {
        String bucketPrefix = store.uri("");
        if (!origin.uri().startsWith(bucketPrefix)) {
            reason.append(origin.uri()).append(" is outside the store's bucket ").append(bucketPrefix);
            return Optional.empty();
        }
        String key = origin.uri().substring(bucketPrefix.length());
        List<String> roots = new ArrayList<>();
        for (int slash = key.lastIndexOf('/'); slash >= 0; slash = key.lastIndexOf('/', slash - 1)) {
            roots.add(key.substring(0, slash + 1));
        }
        roots.add("");
        for (String root : roots) {
            Optional<ArtifactRef> manifest = store.stat(root + MANIFEST);
            if (manifest.isEmpty()) {
                continue;
            }
            Optional<MiniManifest.TranslationSet> set;
            try (InputStream in = store.open(manifest.get())) {
                set = MiniManifest.read(in).translationSet(language);
            } catch (MismatchedInputException e) {
                continue; // another kind of manifest.json (a stage's): not a PALO-mini tree's root
            }
            if (set.isEmpty() || !key.substring(root.length()).equals(set.get().source())) {
                continue;
            }
            String goldPath = set.get().gold() == null ? "" : set.get().gold();
            Optional<ArtifactRef> gold = goldPath.isEmpty() ? Optional.empty() : store.stat(root + goldPath);
            if (gold.isEmpty()) {
                reason.append(manifest.get().uri()).append(" names gold '").append(goldPath).append("' for ")
                        .append(language).append(" but the store has no such file");
                return Optional.empty();
            }
            return Optional.of(new GoldLocation(root, manifest.get(), goldPath, gold.get()));
        }
        reason.append("no PALO-mini manifest.json above ").append(origin.uri()).append(" names it with gold for ")
                .append(language);
        return Optional.empty();
    }
}
