package dev.palo.activities.translation.translate;

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
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Translations already paid for, durable in the object store and shared by every chunk, attempt and
 * run that translates with the same (language, translator, prompt version): each distinct text is
 * sent once. Entries live in append-only segment files (JSON lines of the text's sha256 and its
 * translation) under {@code translate-cache/v1/<namespace>/segments/}; each flush writes one
 * segment, so a chunk costs one small object, not one per string. Objects are never rewritten or
 * deleted, so concurrent writers need no coordination; a segment a reader misses (written during its
 * open) only costs a repeated request, never a wrong answer.
 *
 * <p>So that opening stays one snapshot read however many segments exist, a cache that read or wrote
 * more than {@value #SNAPSHOT_AFTER} segments no snapshot covers writes a snapshot: every entry it
 * holds, named after the time its open listed the store, with the names of the recent segments it
 * covers. An open reads the newest snapshot, then only the segments it does not cover: those named
 * within the clock margin of it and not in its list. Older segments are covered by induction: they
 * were listed by the snapshot's writer, which read them or had them from the snapshot it opened.
 */
final class TranslationCache {
    static final String ROOT = "translate-cache/v1/";
    /**
     * Segments named this long before a snapshot's time are covered only when the snapshot names them:
     * writers' clocks differ, and a segment becomes visible some time after the time it is named by.
     */
    private static final long CLOCK_MARGIN_MILLIS = 10 * 60 * 1000;
    /** Segments read or written and not yet in a snapshot above which the cache writes one. */
    static final int SNAPSHOT_AFTER = 32;
    /** Objects read at once when the cache opens. */
    private static final int LOAD_THREADS = 8;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String MEDIA_TYPE = "application/x-ndjson";
    /** Orders one process's snapshots of the same open time: a later one covers more. */
    private static final AtomicLong SNAPSHOT_SEQUENCE = new AtomicLong();

    private final ObjectStore store;
    private final String prefix;
    private final Map<String, String> translations = new ConcurrentHashMap<>();
    private final Map<String, String> pending = new ConcurrentHashMap<>();
    /** Segment names this cache knows the entries of and a snapshot of it must name: within the margin. */
    private final Set<String> recentSegments = ConcurrentHashMap.newKeySet();
    private final AtomicInteger unsnapshotted = new AtomicInteger();
    /** When the open listed the store: a snapshot of this cache covers what was visible then. */
    private final long listedAtMillis;
    private final int loaded;
    private volatile CompletableFuture<Void> lastSnapshot = CompletableFuture.completedFuture(null);

    private TranslationCache(ObjectStore store, String prefix) throws IOException {
        this.store = store;
        this.prefix = prefix;
        this.listedAtMillis = System.currentTimeMillis();
        this.loaded = load();
        snapshotIfDue();
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
            String segment = prefix + "segments/" + segmentName();
            store.put(segment, lines(batch, List.of()), MEDIA_TYPE, batch.size());
            recentSegments.add(segment);
            unsnapshotted.incrementAndGet();
        }
    }

    /**
     * Writes a snapshot, on a thread of its own, when more than {@value #SNAPSHOT_AFTER} segments this
     * cache read or wrote are in none: a snapshot only spares later opens reads, so no stage waits for it.
     */
    void snapshotIfDue() {
        if (unsnapshotted.get() <= SNAPSHOT_AFTER) {
            return;
        }
        unsnapshotted.set(0);
        long margin = listedAtMillis - CLOCK_MARGIN_MILLIS;
        List<String> covered = recentSegments.stream().filter(segment -> millis(segment) >= margin).sorted().toList();
        byte[] snapshot = lines(new TreeMap<>(translations), covered);
        int entries = translations.size();
        String key = prefix + "snapshots/"
                + String.format("%013d-%06d-%s.jsonl", listedAtMillis, SNAPSHOT_SEQUENCE.incrementAndGet(), UUID.randomUUID());
        lastSnapshot = CompletableFuture.runAsync(() -> {
            try {
                store.put(key, snapshot, MEDIA_TYPE, entries);
            } catch (IOException e) {
                throw new UncheckedIOException(e); // the segments stay, so a later cache reads them and tries again
            }
        }, SNAPSHOT_WRITER);
    }

    /** The snapshot this cache wrote last, once written; for tests, which must not race it. */
    void awaitSnapshot() {
        lastSnapshot.join();
    }

    private static final Executor SNAPSHOT_WRITER = runnable -> {
        Thread writer = new Thread(runnable, "translate-cache-snapshot");
        writer.setDaemon(true);
        writer.start();
    };

    /** Sortable by time, unique across writers. */
    private static String segmentName() {
        return String.format("%013d-%s.jsonl", System.currentTimeMillis(), UUID.randomUUID());
    }

    private int load() throws IOException {
        List<String> snapshots = store.list(prefix + "snapshots/");
        long coveredBefore = Long.MIN_VALUE;
        Set<String> covered = Set.of();
        if (!snapshots.isEmpty()) {
            String newest = snapshots.get(snapshots.size() - 1);
            covered = read(newest);
            coveredBefore = millis(newest) - CLOCK_MARGIN_MILLIS;
            recentSegments.addAll(covered);
        }
        List<ParallelIo.Call> reads = new ArrayList<>();
        for (String segment : store.list(prefix + "segments/")) {
            if (millis(segment) >= coveredBefore && !covered.contains(segment)) {
                reads.add(() -> read(segment));
                recentSegments.add(segment);
            }
        }
        // each object is two round trips; one after another they delayed every translate stage's first request
        try (ParallelIo io = new ParallelIo(LOAD_THREADS)) {
            io.all(reads);
        }
        unsnapshotted.addAndGet(reads.size());
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

    /** Reads a segment's or snapshot's entries; returns the segments a snapshot says it covers. */
    private Set<String> read(String key) throws IOException {
        Optional<ArtifactRef> ref = store.stat(key);
        if (ref.isEmpty()) {
            return Set.of();
        }
        Set<String> covered = new HashSet<>();
        try (InputStream in = store.open(ref.get());
             BufferedReader lines = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            String line;
            while ((line = lines.readLine()) != null) {
                JsonNode entry = entry(line);
                if (entry == null) {
                    continue;
                }
                if (entry.path("segment").isTextual()) {
                    covered.add(prefix + "segments/" + entry.path("segment").asText());
                } else {
                    translations.putIfAbsent(entry.path("sha256").asText(), entry.path("translation").asText());
                }
            }
        }
        return covered;
    }

    /** A line cut short (a writer that died mid-upload cannot leave one, but a hand-edited file can) is skipped. */
    private static JsonNode entry(String line) {
        try {
            JsonNode entry = line.isBlank() ? null : JSON.readTree(line);
            boolean translation = entry != null && entry.path("sha256").isTextual()
                    && entry.path("translation").isTextual();
            return translation || entry != null && entry.path("segment").isTextual() ? entry : null;
        } catch (IOException e) {
            return null;
        }
    }

    /** Entries as JSON lines, after the covered segments' names (relative to the segments folder). */
    private byte[] lines(Map<String, String> entries, List<String> coveredSegments) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            for (String segment : coveredSegments) {
                out.write(JSON.writeValueAsBytes(JSON.createObjectNode()
                        .put("segment", segment.substring((prefix + "segments/").length()))));
                out.write('\n');
            }
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
