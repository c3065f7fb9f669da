package dev.palo.services.datasets;

import dev.palo.activities.storage.MinioObjectStore;
import dev.palo.workflows.ArtifactRef;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The English sources in the store with their validation reports: uploads ({@code datasets/<sha256>/<name>}), and the
 * PALO-mini sources that runs validated ({@code sources/palo-mini/…}) or that this app prepared.
 */
@ApplicationScoped
public class DatasetCatalog {
    static final String UPLOADS = "datasets/";
    static final String MINI = "sources/palo-mini/";

    @Inject
    MinioObjectStore store;
    @Inject
    Validations validations;
    @Inject
    MiniDatasets mini;

    public List<DatasetEntry> list() {
        List<Validation> reports = validations.all();
        Map<String, ArtifactRef> sources = new LinkedHashMap<>();
        try {
            for (String key : store.list(UPLOADS)) {
                store.stat(key).ifPresent(ref -> sources.put(ref.uri(), ref));
            }
            for (ArtifactRef ref : mini.prepared()) {
                sources.putIfAbsent(ref.uri(), ref);
            }
            for (Validation report : reports) {
                if (!sources.containsKey(report.source())) {
                    stat(report.source()).ifPresent(ref -> sources.put(ref.uri(), ref));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list the sources in the store", e);
        }
        List<DatasetEntry> entries = new ArrayList<>();
        for (ArtifactRef ref : sources.values()) {
            List<Validation> of = reports.stream().filter(report -> report.sha256().equals(ref.sha256())).toList();
            entries.add(new DatasetEntry(ref.uri(), ref.uri().startsWith(store.uri(MINI)) ? "palo-mini" : "upload",
                    ref.size(), ref.recordCount(), of));
        }
        return entries;
    }

    private Optional<ArtifactRef> stat(String uri) throws IOException {
        String root = store.uri("");
        return uri.startsWith(root) ? store.stat(uri.substring(root.length())) : Optional.empty();
    }
}
