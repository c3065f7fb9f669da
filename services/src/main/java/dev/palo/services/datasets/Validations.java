package dev.palo.services.datasets;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.palo.activities.storage.Manifest;
import dev.palo.activities.storage.MinioObjectStore;
import dev.palo.workflows.ArtifactRef;
import dev.palo.workflows.validate.ValidateActivities;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.NotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The validate stage's reports, read from what it stores: each validation's manifest (counts per quarantine reason)
 * under {@code cache/validate/en/<cacheKey>.json} once per source, and under {@code runs/<run>/validate/en/<cacheKey>/}
 * per run; the quarantined records lie beside the accepted ones as {@code quarantine.jsonl}.
 */
@ApplicationScoped
public class Validations {
    /** The validate stage's file names (activities' ValidateActivitiesImpl). */
    static final String ACCEPTED = "accepted.json";
    static final String QUARANTINE = "quarantine.jsonl";
    private static final String MANIFEST = "manifest.json";
    private static final String CACHE_PREFIX = "cache/" + ValidateActivities.STAGE + "/" + ValidateActivities.LANGUAGE
            + "/";
    private static final String CACHE_KEY = "[0-9a-f]{8,64}";

    @Inject
    MinioObjectStore store;
    @Inject
    ObjectMapper json;
    /** A run's validations, kept once both exist: they never change after. */
    private final Cache<String, List<Validation>> byRun = Caffeine.newBuilder().maximumSize(1_000).build();

    /** Every source validated so far, one report per distinct source and settings. */
    public List<Validation> all() {
        return read(keys(CACHE_PREFIX).stream().filter(key -> key.endsWith(".json")).toList());
    }

    /**
     * The validations a run did (its source, and PALO-mini's translation source where it has one); {@code expected}
     * of them exist once its validate stages completed, and only then is the answer kept.
     */
    public List<Validation> ofRun(String runId, int expected) {
        List<Validation> known = byRun.getIfPresent(runId);
        if (known != null) {
            return known;
        }
        String prefix = "runs/" + runId + "/" + ValidateActivities.STAGE + "/" + ValidateActivities.LANGUAGE + "/";
        List<Validation> found = read(keys(prefix).stream().filter(key -> key.endsWith("/" + MANIFEST)).toList());
        if (expected > 0 && found.size() >= expected) {
            byRun.put(runId, found);
        }
        return found;
    }

    /** The quarantined records of a validation, streamed from the store; the caller closes the stream. */
    public InputStream quarantine(String cacheKey) {
        if (cacheKey == null || !cacheKey.matches(CACHE_KEY)) {
            throw new NotFoundException("no validation " + cacheKey + ": a validation is named by its cache key"
                    + " (hex digits)");
        }
        try {
            Manifest manifest = manifest(CACHE_PREFIX + cacheKey + ".json")
                    .orElseThrow(() -> new NotFoundException("no validation " + cacheKey + " in the store"));
            String accepted = key(manifest.output());
            if (!accepted.endsWith("/" + ACCEPTED)) {
                throw new NotFoundException("validation " + cacheKey + " stored no " + ACCEPTED);
            }
            String quarantine = accepted.substring(0, accepted.length() - ACCEPTED.length()) + QUARANTINE;
            ArtifactRef ref = store.stat(quarantine).orElseThrow(() -> new NotFoundException("validation "
                    + cacheKey + " has no " + QUARANTINE + " in the store"));
            return store.open(ref);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read validation " + cacheKey + " from the store", e);
        }
    }

    private List<Validation> read(List<String> manifestKeys) {
        List<Validation> validations = new ArrayList<>();
        for (String key : manifestKeys) {
            manifest(key).filter(m -> ValidateActivities.STAGE.equals(m.stage()) && m.input() != null)
                    .ifPresent(m -> validations.add(new Validation(m.cacheKey(), m.input().uri(), m.input().sha256(),
                            m.runId(), m.metrics())));
        }
        return validations;
    }

    private Optional<Manifest> manifest(String key) {
        try {
            Optional<ArtifactRef> ref = store.stat(key);
            if (ref.isEmpty()) {
                return Optional.empty();
            }
            try (InputStream in = store.open(ref.get())) {
                return Optional.of(json.readValue(in, Manifest.class));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + key + " from the store", e);
        }
    }

    private List<String> keys(String prefix) {
        try {
            return store.list(prefix);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + prefix + " in the store", e);
        }
    }

    private String key(ArtifactRef ref) {
        String root = store.uri("");
        return ref.uri().startsWith(root) ? ref.uri().substring(root.length()) : ref.uri();
    }
}
