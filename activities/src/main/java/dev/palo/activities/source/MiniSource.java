package dev.palo.activities.source;

import dev.palo.activities.storage.LocalFolders;
import dev.palo.activities.storage.ObjectStore;
import dev.palo.activities.storage.Sha256;
import dev.palo.activities.storage.StoredDirectory;
import dev.palo.data.lang.LanguageRegistry;
import dev.palo.data.llava.LlavaJsonReader;
import dev.palo.data.llava.LlavaJsonWriter;
import dev.palo.data.mini.MiniConfig;
import dev.palo.data.mini.MiniGenerator;
import dev.palo.data.mini.MiniManifest;
import dev.palo.data.mini.MiniSize;
import dev.palo.data.mini.Progress;
import dev.palo.workflows.ArtifactRef;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Collection;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

/**
 * PALO-mini as a pipeline's source: generated once per size, seed and language data on a machine, uploaded once per
 * content (the store prefix carries the manifest's sha256), and resolved into the refs the stages read.
 */
public final class MiniSource {
    /** The English records every language translates: the first {@code count} of the English set. */
    static final String TRANSLATION_SOURCE = "instruct/translation-source.json";
    /** Hex digits of the content digest in a tree's folder name: 48 bits, no collision among a machine's trees. */
    private static final int DIGEST_CHARS = 12;

    private MiniSource() {
    }

    /**
     * The PALO-mini tree of {@code size} and {@code seed} holding the registry's default set and {@code targets} under
     * {@code dataRoot}, generated when absent. Its folder is keyed by the digest of the config, the registry entries
     * and the grammars of its languages, so a language added to the registry or a changed grammar regenerates.
     */
    public static Path generate(Path dataRoot, MiniSize size, long seed, Collection<String> targets)
            throws IOException {
        MiniConfig config = MiniConfig.of(size, seed, LanguageRegistry.palo().defaultsAnd(targets));
        Path tree = dataRoot.resolve("mini-" + size.label() + "-" + seed + "-"
                + config.digest().substring(0, DIGEST_CHARS));
        if (Files.isRegularFile(tree.resolve(MiniManifest.FILE))) {
            return tree;
        }
        Path partial = Files.createDirectories(dataRoot).resolve(tree.getFileName() + ".partial-" + UUID.randomUUID());
        try {
            new MiniGenerator(config, Progress.NONE).generate(partial);
            writeTranslationSource(partial);
            Files.move(partial, tree, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            LocalFolders.delete(partial);
            if (!Files.isRegularFile(tree.resolve(MiniManifest.FILE))) {
                throw e;
            }
        }
        return tree;
    }

    /** Uploads {@code tree} unless the store already holds it, and returns its refs. */
    public static MiniSourceRefs upload(ObjectStore store, Path tree, Path cacheRoot) throws IOException {
        String prefix = "sources/palo-mini/" + Sha256.of(tree.resolve(MiniManifest.FILE)) + "/tree";
        StoredDirectory directories = new StoredDirectory(store, cacheRoot);
        ArtifactRef index = store.stat(prefix + ".directory.json").isPresent()
                ? store.stat(prefix + ".directory.json").get() : directories.upload(prefix, tree);
        Map<String, ArtifactRef> files = new TreeMap<>();
        directories.read(index).files().forEach(entry -> files.put(entry.path(), entry.ref()));
        return new MiniSourceRefs(index, prefix + "/images/", file(files, "instruct/english.json"),
                file(files, TRANSLATION_SOURCE), byLanguage(files, "translation-seed/", ".jsonl"),
                byLanguage(files, "gold/", ".json"), file(files, "pretrain/captions.json"),
                file(files, "corpus/base-lm.txt"), directories.subdirectory(index, MiniGenerator.BENCH),
                directories.subdirectory(index, MiniGenerator.VALIDATION_BENCH));
    }

    /** Files {@code <folder><code><extension>} by language code. */
    private static Map<String, ArtifactRef> byLanguage(Map<String, ArtifactRef> files, String folder,
                                                       String extension) {
        Map<String, ArtifactRef> found = new TreeMap<>();
        files.forEach((path, ref) -> {
            String name = path.startsWith(folder) ? path.substring(folder.length()) : "";
            if (name.endsWith(extension) && !name.contains("/")) {
                found.put(name.substring(0, name.length() - extension.length()), ref);
            }
        });
        return found;
    }

    private static ArtifactRef file(Map<String, ArtifactRef> files, String path) {
        ArtifactRef ref = files.get(path);
        if (ref == null) {
            throw new IllegalArgumentException("the PALO-mini tree has no " + path + "; regenerate it");
        }
        return ref;
    }

    /**
     * The manifest names the translated share per language; every language uses the same first records. The
     * manifest then names that file as each set's source, so its gold is found for what the pipeline translates.
     */
    private static void writeTranslationSource(Path tree) throws IOException {
        MiniManifest manifest = MiniManifest.read(tree);
        long count = manifest.translationSets().values().stream().findFirst()
                .orElseThrow(() -> new IOException(tree + "/" + MiniManifest.FILE + " names no translation set"))
                .count();
        try (LlavaJsonReader reader = LlavaJsonReader.open(tree.resolve("instruct/english.json"));
             LlavaJsonWriter writer = LlavaJsonWriter.create(tree.resolve(TRANSLATION_SOURCE))) {
            for (long i = 0; i < count && reader.hasNext(); i++) {
                writer.write(reader.next());
            }
        }
        manifest.withTranslationSets(set -> set.withSource(TRANSLATION_SOURCE)).writeTo(tree);
    }
}
