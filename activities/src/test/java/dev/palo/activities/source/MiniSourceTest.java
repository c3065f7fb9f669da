package dev.palo.activities.source;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.palo.activities.storage.StoredDirectory;
import dev.palo.activities.support.InMemoryObjectStore;
import dev.palo.data.lang.LanguageRegistry;
import dev.palo.data.llava.LlavaJsonReader;
import dev.palo.data.llava.LlavaRecord;
import dev.palo.data.mini.MiniManifest;
import dev.palo.data.mini.MiniSize;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MiniSourceTest {
    @TempDir
    static Path temp;
    static Path tree;

    @BeforeAll
    static void generateOnce() throws Exception {
        tree = MiniSource.generate(temp.resolve("data"), MiniSize.TINY, 3, List.of("fr"));
    }

    @Test
    void generatesOncePerSizeSeedAndLanguageData() throws Exception {
        long modified = Files.getLastModifiedTime(tree.resolve("manifest.json")).toMillis();
        assertEquals(tree, MiniSource.generate(temp.resolve("data"), MiniSize.TINY, 3, List.of("ar")),
                "targets inside the default set give the default set's tree");
        assertEquals(modified, Files.getLastModifiedTime(tree.resolve("manifest.json")).toMillis());
        assertTrue(tree.getFileName().toString().matches("mini-tiny-3-[0-9a-f]{12}"), tree.getFileName().toString());
    }

    @Test
    void aLanguageBesideTheDefaultSetGetsATreeOfItsOwnThatHoldsIt() throws Exception {
        Path german = MiniSource.generate(temp.resolve("data"), MiniSize.TINY, 3, List.of("de", "ar"));
        assertNotEquals(tree, german);
        assertTrue(german.getFileName().toString().startsWith("mini-tiny-3-"), german.toString());
        assertTrue(Files.isRegularFile(german.resolve("gold/de.json")));
        assertFalse(Files.exists(tree.resolve("gold/de.json")));
        JsonNode lines = new ObjectMapper().readTree(german.resolve("manifest.json").toFile())
                .at("/counts/base_lm_lines");
        assertTrue(lines.path("de").asInt() > 0, "German is trained into the base LM: " + lines);
    }

    @Test
    void translationSourceIsTheFirstRecordsOfTheEnglishSet() throws Exception {
        List<LlavaRecord> english;
        try (LlavaJsonReader reader = LlavaJsonReader.open(tree.resolve("instruct/english.json"))) {
            english = reader.stream().toList();
        }
        try (LlavaJsonReader reader = LlavaJsonReader.open(tree.resolve(MiniSource.TRANSLATION_SOURCE))) {
            List<LlavaRecord> subset = reader.stream().toList();
            assertEquals(MiniSize.TINY.translatedInstructions(), subset.size());
            assertEquals(english.subList(0, subset.size()), subset);
        }
        Collection<MiniManifest.TranslationSet> sets = MiniManifest.read(tree).translationSets().values();
        assertFalse(sets.isEmpty());
        sets.forEach(set -> assertEquals(MiniSource.TRANSLATION_SOURCE, set.source(),
                "each set's gold is found for the file the pipeline translates"));
    }

    @Test
    void uploadsOnceAndResolvesEveryRef() throws Exception {
        InMemoryObjectStore store = new InMemoryObjectStore();
        MiniSourceRefs refs = MiniSource.upload(store, tree, temp.resolve("cache"));
        int objects = store.list("sources/").size();

        assertEquals(refs, MiniSource.upload(store, tree, temp.resolve("cache")));
        assertEquals(objects, store.list("sources/").size(), "a second upload writes nothing new");
        // in code order, the same in every JVM: the seed files' order feeds the base translator's training
        List<String> targets = LanguageRegistry.palo().defaultTargets().stream().sorted().toList();
        assertEquals(targets, List.copyOf(refs.translationSeed().keySet()));
        assertEquals(targets, List.copyOf(refs.gold().keySet()));
        assertTrue(store.exists(refs.imagePrefix() + firstImage()), "images lie under the image prefix");
        try (InputStream in = store.open(refs.english())) {
            assertEquals(Files.size(tree.resolve("instruct/english.json")), in.readAllBytes().length);
        }
        Path bench = new StoredDirectory(store, temp.resolve("cache")).download(refs.bench());
        assertTrue(Files.isRegularFile(bench.resolve("english/questions.jsonl")));
        assertTrue(Files.isDirectory(bench.resolve("images")));
    }

    private static String firstImage() throws Exception {
        try (LlavaJsonReader reader = LlavaJsonReader.open(tree.resolve("instruct/english.json"))) {
            return reader.next().image();
        }
    }
}
