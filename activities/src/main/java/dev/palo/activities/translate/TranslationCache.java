package dev.palo.activities.translate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.palo.activities.storage.ObjectStore;
import dev.palo.activities.storage.Sha256;
import dev.palo.workflows.ArtifactRef;
import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Translations already paid for, durable in the object store and shared by every chunk, attempt and
 * run that translates with the same (language, translator, prompt version): each distinct text is
 * sent once. Entries live in append-only segment files (JSON lines of the text's sha256 and its
 * translation) under {@code translate-cache/v1/<namespace>/segments/}; each flush writes one
 * segment, so a chunk costs one small object, not one per string. When segments pile up, opening
 * the cache writes a snapshot of everything it read ({@code snapshots/<last segment>.jsonl}) and
 * later opens read the newest snapshot plus the segments from shortly before it on. Objects are
 * never rewritten or deleted, so concurrent writers need no coordination; a segment a reader misses
 * (written during its open) only costs a repeated request, never a wrong answer.
 */
final class TranslationCache {
    static final String ROOT = "translate-cache/v1/";
    /**
     * Segments written this long before a snapshot's newest are read again: writers' clocks differ,
     * and segments of the same millisecond sort by their random tail. Reading an entry twice is harmless.
     */
    private static final long CLOCK_MARGIN_MILLIS = 10 * 60 * 1000;
    /** Segments after the snapshot above which an open writes a new snapshot. */
    private static final int SNAPSHOT_AFTER = 32;
    /** Objects read at once when the cache opens. */
    private static final int LOAD_THREADS = 8;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String MEDIA_TYPE = "application/x-ndjson";

    private final ObjectStore store;
    private final String prefix;
    private final Map<String, String> translations = new ConcurrentHashMap<>();
    private final Map<String, String> pending = new ConcurrentHashMap<>();
    private final int loaded;

    private TranslationCache(ObjectStore store, String prefix) throws IOException {
        this.store = store;
        this.prefix = prefix;
        this.loaded = load();
    }

    /**
     * The cache of one namespace: what decides a translation besides the text, i.e. the language,
     * the translator's identity and the prompt's version.
     */
    static TranslationCache open(ObjectStore store, String language, String translatorIdentity, String promptVersion)
            throws IOException {
        String namespace = Sha256.of(String.join("\n", language, translatorIdentity, promptVersion));
        return new TranslationCache(store, ROOT + namespace + "/");
    }

    Optional<String> get(String text) {
        return Optional.ofNullable(translations.get(Sha256.of(text)));
    }

    /** Remembers a translation; it becomes durable at the next {@link #flush()}. */
    void put(String text, String translation) {
        String key = Sha256.of(text);
        if (translations.putIfAbsent(key, translation) == null) {
            pending.put(key, translation);
        }
    }

    /** Entries read from the store when the cache opened. */
    int loaded() {
        return loaded;
    }

    /** Writes every entry added since the last flush as one new segment; nothing when none was. */
    void flush() throws IOException {
        Map<String, String> batch = new TreeMap<>();
        for (String key : List.copyOf(pending.keySet())) {
            String translation = pending.remove(key);
            if (translation != null) {
                batch.put(key, translation);
            }
        }
        if (!batch.isEmpty()) {
            store.put(prefix + "segments/" + segmentName(), lines(batch), MEDIA_TYPE, batch.size());
        }
    }

    /** Sortable by time, unique across writers. */
    private static String segmentName() {
        return String.format("%013d-%s.jsonl", System.currentTimeMillis(), UUID.randomUUID());
    }

    private int load() throws IOException {
        List<String> snapshots = store.list(prefix + "snapshots/");
        long coveredMillis = Long.MIN_VALUE;
        List<ParallelIo.Call> reads = new ArrayList<>();
        if (!snapshots.isEmpty()) {
            String newest = snapshots.get(snapshots.size() - 1);
            reads.add(() -> read(newest));
            coveredMillis = millis(newest) - CLOCK_MARGIN_MILLIS;
        }
        List<String> unread = new ArrayList<>();
        for (String segment : store.list(prefix + "segments/")) {
            if (millis(segment) >= coveredMillis) {
                reads.add(() -> read(segment));
                unread.add(segment);
            }
        }
        // each object is two round trips; one after another they delayed every translate stage's first request
        try (ParallelIo io = new ParallelIo(LOAD_THREADS)) {
            io.all(reads);
        }
        if (unread.size() > SNAPSHOT_AFTER) {
            String last = unread.get(unread.size() - 1);
            byte[] snapshot = lines(new TreeMap<>(translations));
            int entries = translations.size();
            // written beside the stage, not before its first request: a snapshot only spares later opens reads
            Thread writer = new Thread(() -> {
                try {
                    store.put(prefix + "snapshots/" + last.substring(last.lastIndexOf('/') + 1), snapshot, MEDIA_TYPE,
                            entries);
                } catch (IOException | RuntimeException e) {
                    // the segments stay, so a later open reads them and tries again
                }
            }, "translate-cache-snapshot");
            writer.setDaemon(true);
            writer.start();
        }
        return translations.size();
    }

    /** The write time a segment or snapshot is named after; a name of another shape is always read. */
    private static long millis(String key) {
        String name = key.substring(key.lastIndexOf('/') + 1);
        try {
            return Long.parseLong(name.substring(0, Math.max(0, name.indexOf('-'))));
        } catch (NumberFormatException e) {
            return Long.MAX_VALUE;
        }
    }

    private void read(String key) throws IOException {
        Optional<ArtifactRef> ref = store.stat(key);
        if (ref.isEmpty()) {
            return;
        }
        try (InputStream in = store.open(ref.get());
             BufferedReader lines = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            String line;
            while ((line = lines.readLine()) != null) {
                JsonNode entry = entry(line);
                if (entry != null) {
                    translations.putIfAbsent(entry.path("sha256").asText(), entry.path("translation").asText());
                }
            }
        }
    }

    /** A line cut short (a writer that died mid-upload cannot leave one, but a hand-edited file can) is skipped. */
    private static JsonNode entry(String line) {
        try {
            JsonNode entry = line.isBlank() ? null : JSON.readTree(line);
            return entry != null && entry.path("sha256").isTextual() && entry.path("translation").isTextual()
                    ? entry : null;
        } catch (IOException e) {
            return null;
        }
    }

    private static byte[] lines(Map<String, String> entries) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            for (Map.Entry<String, String> entry : entries.entrySet()) {
                out.write(JSON.writeValueAsBytes(JSON.createObjectNode()
                        .put("sha256", entry.getKey()).put("translation", entry.getValue())));
                out.write('\n');
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
