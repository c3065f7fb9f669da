package dev.palo.activities.translation.base;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.palo.activities.stage.ScratchFolder;
import dev.palo.activities.storage.ObjectStore;
import dev.palo.activities.storage.StoredDirectory;
import dev.palo.activities.tracking.Tracker;
import dev.palo.activities.training.BundleExports;
import dev.palo.model.translator.LocalTranslator;
import dev.palo.model.translator.TranslatorConfig;
import dev.palo.workflows.ArtifactRef;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * Local translators in the object store, as PaloModel bundles: the translator's folder ({@code config.json},
 * {@code model.safetensors}, {@code tokenizer.json}, {@code translator.json}) plus {@code palo-bundle.json}, stored
 * as a {@link StoredDirectory}. Downloads land in a cache folder keyed by the bundle index's sha256 and are reused.
 */
public final class TranslatorBundles {
    public static final String BUNDLE_FILE = "palo-bundle.json";
    /** The bundle's conversation template: a translator is prompted with its own format, not a chat template. */
    public static final String TEMPLATE = "translator";
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private final StoredDirectory directories;
    private final Path workRoot;

    /** {@code cacheRoot} receives downloaded bundles; uploads are staged in a temporary folder beside it. */
    public TranslatorBundles(ObjectStore store, Path cacheRoot) {
        this.directories = new StoredDirectory(store, cacheRoot);
        this.workRoot = cacheRoot;
    }

    /** The bundle's folder on this machine (downloaded once, every file's sha256 checked). */
    public Path download(ArtifactRef bundleIndex) throws IOException {
        return directories.download(bundleIndex);
    }

    /** The translator of a bundle, loaded; the caller closes it. */
    public LocalTranslator load(ArtifactRef bundleIndex) throws IOException {
        return LocalTranslator.load(download(bundleIndex));
    }

    /** {@link #upload(String, LocalTranslator, String, Map)} without further summary. */
    public ArtifactRef upload(String keyPrefix, LocalTranslator translator, String stage) throws IOException {
        return upload(keyPrefix, translator, stage, Map.of());
    }

    /** Where a bundle's Hugging Face export goes ({@link BundleExports}) and the tracking run it is logged to. */
    public record Export(String keyPrefix, String id, Tracker tracker, String trackingRunId) {
    }

    /** {@link #upload(String, LocalTranslator, String, Map, Export)} without an export. */
    public ArtifactRef upload(String keyPrefix, LocalTranslator translator, String stage, Map<String, Object> summary)
            throws IOException {
        return upload(keyPrefix, translator, stage, summary, null);
    }

    /**
     * Saves {@code translator} once, with a {@code palo-bundle.json} naming the {@code stage} that made it and
     * {@code summary} (preset, config figures), uploads it under {@code keyPrefix} and returns the bundle index. With
     * an {@code export}, the same saved folder is also written as Hugging Face loads it as shipped
     * ({@code llava-palo-<id>/}: a {@code LlamaForCausalLM} directory with its tokenizer files), stored under the
     * export's key beside the bundle and logged to its tracking run (none: stored only).
     */
    public ArtifactRef upload(String keyPrefix, LocalTranslator translator, String stage, Map<String, Object> summary,
                              Export export) throws IOException {
        try (ScratchFolder scratch = ScratchFolder.create(workRoot, "translator-bundle-")) {
            Path dir = scratch.path();
            Path saved = Files.createDirectories(dir.resolve("bundle"));
            translator.save(saved);
            Map<String, Object> bundle = new LinkedHashMap<>();
            bundle.put("stage", stage);
            bundle.put("conversation_template", TEMPLATE);
            bundle.put("languages", translator.languages());
            bundle.put("parameters", translator.parameterCount());
            bundle.putAll(new TreeMap<>(summary)); // sorted: a Map.of's order differs from JVM to JVM
            JSON.writeValue(saved.resolve(BUNDLE_FILE).toFile(), bundle);
            ArtifactRef ref = directories.upload(keyPrefix, saved);
            if (export != null) {
                TranslatorConfig config = translator.metadata().config();
                BundleExports.export(directories, export.tracker(), export.trackingRunId(), saved, null, export.id(),
                        config.maxPromptTokens() + config.maxTargetTokens(), dir, export.keyPrefix());
            }
            return ref;
        }
    }
}
