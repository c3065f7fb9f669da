package dev.palo.activities.translate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.palo.activities.support.InMemoryObjectStore;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class TranslationCacheTest {
    private final InMemoryObjectStore store = new InMemoryObjectStore();

    private TranslationCache open(String language) throws Exception {
        return TranslationCache.open(store, language, "http://endpoint/v1\nmodel", "1");
    }

    @Test
    void flushedTranslationsSurviveIntoTheNextOpenOfTheSameNamespaceOnly() throws Exception {
        TranslationCache first = open("fr");
        first.put("Hello", "Bonjour");
        first.put("Hello", "Salut"); // the first answer stays
        assertEquals(Optional.of("Bonjour"), first.get("Hello"));
        first.flush();
        first.flush(); // nothing new: no empty segment

        assertEquals(1, store.list(TranslationCache.ROOT).size());
        TranslationCache again = open("fr");
        assertEquals(1, again.loaded());
        assertEquals(Optional.of("Bonjour"), again.get("Hello"));
        assertEquals(Optional.empty(), open("ar").get("Hello"));
        assertEquals(Optional.empty(), TranslationCache.open(store, "fr", "other", "1").get("Hello"));
        assertEquals(Optional.empty(), TranslationCache.open(store, "fr", "http://endpoint/v1\nmodel", "2").get("Hello"));
    }

    @Test
    void oneSegmentPerFlushAndASnapshotOnceSegmentsPileUp() throws Exception {
        for (int i = 0; i < 40; i++) {
            TranslationCache cache = open("fr");
            cache.put("text " + i, "texte " + i);
            cache.put("shared", "partagé");
            cache.flush();
        }
        long segments = store.list(TranslationCache.ROOT).stream().filter(k -> k.contains("/segments/")).count();
        assertEquals(40, segments);
        // written beside the open, not before it returns
        long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(10);
        while (store.list(TranslationCache.ROOT).stream().noneMatch(k -> k.contains("/snapshots/"))
                && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertTrue(store.list(TranslationCache.ROOT).stream().anyMatch(k -> k.contains("/snapshots/")),
                "an open past 32 unread segments wrote a snapshot");

        TranslationCache cache = open("fr");
        assertEquals(41, cache.loaded());
        assertEquals(Optional.of("texte 39"), cache.get("text 39"));
        assertEquals(Optional.of("partagé"), cache.get("shared"));
    }

    @Test
    void aDamagedLineIsSkippedNotFatal() throws Exception {
        TranslationCache cache = open("fr");
        cache.put("Hello", "Bonjour");
        cache.flush();
        String segment = store.list(TranslationCache.ROOT).get(0);
        store.put(segment.replace("/segments/", "/segments/z"), "{\"sha256\":\"ab".getBytes(StandardCharsets.UTF_8),
                "application/x-ndjson", 1);

        assertEquals(Optional.of("Bonjour"), open("fr").get("Hello"));
    }
}
