package dev.palo.activities.translation.translate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.palo.activities.support.InMemoryObjectStore;
import java.nio.charset.StandardCharsets;
import java.util.List;
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
        int opens = TranslationCache.SNAPSHOT_AFTER + 8;
        for (int i = 0; i < opens; i++) {
            TranslationCache cache = open("fr");
            cache.put("text " + i, "texte " + i);
            cache.put("shared", "partagé");
            cache.flush();
            cache.awaitSnapshot();
        }
        assertEquals(opens, keys("/segments/").size());
        assertEquals(1, keys("/snapshots/").size(), "the open past " + TranslationCache.SNAPSHOT_AFTER
                + " unread segments wrote one");

        TranslationCache cache = open("fr");
        assertEquals(opens + 1, cache.loaded());
        assertEquals(Optional.of("texte " + (opens - 1)), cache.get("text " + (opens - 1)));
        assertEquals(Optional.of("partagé"), cache.get("shared"));
    }

    @Test
    void aSnapshotCoversTheSegmentsItNamesSoTheNextOpenReadsNoneOfThem() throws Exception {
        TranslationCache writer = open("fr");
        for (int i = 0; i <= TranslationCache.SNAPSHOT_AFTER; i++) {
            writer.put("text " + i, "texte " + i);
            writer.flush();
        }
        writer.snapshotIfDue(); // what a translate stage does at its end
        writer.awaitSnapshot();
        assertEquals(1, keys("/snapshots/").size());

        int before = store.statted().size();
        TranslationCache reader = open("fr");
        assertEquals(TranslationCache.SNAPSHOT_AFTER + 1, reader.loaded());
        assertEquals(List.of(keys("/snapshots/").get(0)), store.statted().subList(before, store.statted().size()),
                "one object read, no segment");

        // a segment written after the snapshot is still read
        TranslationCache late = open("fr");
        late.put("late", "tard");
        late.flush();
        assertEquals(Optional.of("tard"), open("fr").get("late"));
    }

    private List<String> keys(String folder) throws Exception {
        return store.list(TranslationCache.ROOT).stream().filter(k -> k.contains(folder)).toList();
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
