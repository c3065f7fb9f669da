package dev.palo.activities.training;

import dev.palo.activities.storage.StoredDirectory;
import dev.palo.activities.tracking.Tracker;
import dev.palo.model.export.LlavaExport;
import dev.palo.workflows.ArtifactRef;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * Writes a stage's bundle also in the layouts LLaVA, PALO, Hugging Face and PEFT load as shipped
 * ({@link LlavaExport}), stores that folder beside the bundle (a StoredDirectory under {@code <location>/export/}),
 * and logs its files to the stage's tracking run under {@code export/}, tagging the run with the folder's uri.
 */
public final class BundleExports {
    public static final String EXPORT = "export/";
    /** The tracking-run tag naming the stored export folder's index. */
    public static final String EXPORT_TAG = "palo.export";

    private BundleExports() {
    }

    /**
     * @param trackingRunId the stage's tracking run, which gets the files and tags; null: stored only
     * @param key    the object key prefix of the export folder, beside the bundle's
     * @param parent the bundle {@code bundle} was trained from (needed for LoRA adapters), or null
     * @param id     names the exported directories ({@code llava-palo-<id>}), e.g. {@code finetune-palo}
     */
    public static ArtifactRef export(StoredDirectory directories, Tracker tracker, String trackingRunId, Path bundle,
                                     Path parent, String id, int modelMaxLength, Path work, String key)
            throws IOException {
        Path out = Files.createDirectories(work.resolve("export"));
        List<String> written = LlavaExport.export(bundle, parent, id, modelMaxLength, out);
        ArtifactRef ref = directories.upload(key, out);
        if (trackingRunId == null) {
            return ref; // an untracked stage (a test's) still stores its export
        }
        try (Stream<Path> files = Files.walk(out)) {
            for (Path file : files.filter(Files::isRegularFile).sorted().toList()) {
                String name = out.relativize(file).toString();
                tracker.uploadArtifact(trackingRunId, EXPORT + name, Files.readAllBytes(file),
                        name.endsWith(".json") ? "application/json" : "application/octet-stream");
            }
        }
        tracker.setTag(trackingRunId, EXPORT_TAG, ref.uri());
        tracker.setTag(trackingRunId, "palo.export.directories", String.join(",", written));
        return ref;
    }
}
