package dev.palo.services.datasets;

import dev.palo.activities.source.MiniSource;
import dev.palo.activities.source.MiniSourceRefs;
import dev.palo.activities.storage.MinioObjectStore;
import dev.palo.activities.worker.WorkerSettings;
import dev.palo.data.lang.Language;
import dev.palo.data.lang.LanguageRegistry;
import dev.palo.data.mini.MiniSize;
import dev.palo.services.settings.PaloSettings;
import dev.palo.workflows.ArtifactRef;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.BadRequestException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * PALO-mini for runs that ask for {@code mini:<size>}: generated on this machine once per size and language data
 * (under {@code PALO_HOME/data}; the registry's default set plus the run's languages), uploaded to the store once per
 * content.
 */
@ApplicationScoped
public class MiniDatasets {
    public static final String PREFIX = "mini";
    /** The seed every `mini` run uses, so reruns hit the stage cache. */
    static final long SEED = 7;

    @Inject
    MinioObjectStore store;
    @Inject
    WorkerSettings settings;
    @Inject
    PaloSettings config;

    private final Map<String, MiniDataset> prepared = new ConcurrentHashMap<>();

    /** A PALO-mini tree on this machine and its refs in the store. */
    public record MiniDataset(Path tree, MiniSourceRefs refs) {
    }

    /** {@code mini} (tiny) or {@code mini:<size>}. */
    public static boolean names(String data) {
        return data != null && (data.equals(PREFIX) || data.startsWith(PREFIX + ":"));
    }

    /** The tree of {@code data} that holds the registry's default set and {@code languages}. */
    public MiniDataset prepare(String data, List<String> languages) {
        MiniSize size;
        try {
            size = data.equals(PREFIX) ? MiniSize.TINY : MiniSize.of(data.substring(PREFIX.length() + 1));
        } catch (IllegalArgumentException e) {
            throw new BadRequestException("data " + data + ": " + e.getMessage());
        }
        List<String> held = LanguageRegistry.palo().defaultsAnd(languages).stream().map(Language::code).toList();
        return prepared.computeIfAbsent(size.label() + " " + held, key -> generateAndUpload(size, languages));
    }

    /** The English sources of the PALO-mini sizes this app prepared so far (English set and translation source). */
    public List<ArtifactRef> prepared() {
        List<ArtifactRef> sources = new ArrayList<>();
        prepared.values().forEach(dataset -> {
            sources.add(dataset.refs().english());
            sources.add(dataset.refs().translationSource());
        });
        return sources;
    }

    private MiniDataset generateAndUpload(MiniSize size, List<String> languages) {
        try {
            Path tree = MiniSource.generate(dataRoot(), size, SEED, languages);
            return new MiniDataset(tree, MiniSource.upload(store, tree, settings.workDir().resolve("directories")));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare PALO-mini " + size.label() + ": " + e.getMessage(), e);
        }
    }

    private Path dataRoot() {
        return config.home().orElse(settings.workDir()).resolve("data");
    }
}
