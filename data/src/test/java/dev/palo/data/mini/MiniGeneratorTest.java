package dev.palo.data.mini;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.palo.data.lang.LanguageRegistry;
import dev.palo.data.llava.LlavaRecord;
import dev.palo.data.llava.Turn;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MiniGeneratorTest {

    @Test
    void sameSeedGivesByteIdenticalTreeAndOtherSeedDiffers() throws IOException {
        Map<String, String> first = TinyWorld.hashes(TinyWorld.root());
        Map<String, String> again = TinyWorld.hashes(TinyWorld.generate(TinyWorld.SEED));
        Map<String, String> other = TinyWorld.hashes(TinyWorld.generate(TinyWorld.SEED + 1));
        assertEquals(first, again);
        assertNotEquals(first.get("instruct/english.json"), other.get("instruct/english.json"));
        assertNotEquals(first.get("bench/english/questions.jsonl"), other.get("bench/english/questions.jsonl"));
    }

    @Test
    void aLanguageBesideTheDefaultsAddsItsFilesAndCorpusLinesAndLeavesTheOthersFilesAsTheyWere(@TempDir Path folder)
            throws IOException {
        LanguageRegistry registry = LanguageRegistry.palo();
        MiniConfig withGerman = MiniConfig.of(MiniSize.TINY, TinyWorld.SEED, registry.defaultsAnd(List.of("de")));
        Path manifestFile = new MiniGenerator(withGerman, Progress.NONE).generate(folder.resolve("de"));
        Map<String, String> german = TinyWorld.hashes(manifestFile.getParent());
        Map<String, String> defaults = TinyWorld.hashes(TinyWorld.root());
        // the base LM's text and the English set's text-only share follow the language mix, which German joins
        List<String> mixed = List.of(MiniManifest.FILE, "corpus/base-lm.txt", "instruct/english.json");
        defaults.forEach((path, sha) -> {
            if (!mixed.contains(path)) {
                assertEquals(sha, german.get(path), path);
            }
        });
        assertEquals(TinyWorld.records(TinyWorld.root().resolve("instruct/english.json")).stream()
                        .filter(LlavaRecord::hasImage).toList(),
                TinyWorld.records(folder.resolve("de/instruct/english.json")).stream().filter(LlavaRecord::hasImage)
                        .toList(), "the image instructions are the same");
        for (String path : List.of("gold/de.json", "pretrain/gold/de.json", "translation-seed/de.jsonl",
                "bench/german/corrected/question.jsonl")) {
            assertTrue(german.containsKey(path), path + " in " + german.keySet());
        }
        JsonNode manifest = new ObjectMapper().readTree(manifestFile.toFile());
        assertTrue(manifest.at("/counts/base_lm_lines/de").asInt() > 0, manifest.at("/counts").toString());
        assertEquals(withGerman.languages().size(), manifest.at("/config/languages").size());
        assertNotEquals(MiniConfig.of(MiniSize.TINY, TinyWorld.SEED).digest(), withGerman.digest(),
                "a cache keyed by the digest regenerates when a language is added");
        assertEquals(MiniConfig.of(MiniSize.TINY, TinyWorld.SEED).digest(),
                MiniConfig.of(MiniSize.TINY, TinyWorld.SEED).digest());
    }

    @Test
    void manifestHashesEveryOtherFile() throws IOException {
        Path root = TinyWorld.root();
        JsonNode files = new ObjectMapper().readTree(root.resolve(MiniManifest.FILE).toFile()).get("files");
        Map<String, String> listed = new TreeMap<>();
        files.fields().forEachRemaining(entry -> listed.put(entry.getKey(), entry.getValue().get("sha256").asText()));
        Map<String, String> actual = TinyWorld.hashes(root);
        actual.remove(MiniManifest.FILE);
        assertEquals(actual, listed);
    }

    @Test
    void countsFollowTheSize() throws IOException {
        Path root = TinyWorld.root();
        MiniSize size = MiniSize.TINY;
        List<LlavaRecord> english = TinyWorld.records(root.resolve("instruct/english.json"));
        assertEquals(size.englishInstructions(), english.stream().filter(LlavaRecord::hasImage).count());
        assertEquals(size.textOnlyInstructions(), english.stream().filter(r -> !r.hasImage()).count());
        assertEquals(size.captions(), TinyWorld.records(root.resolve("pretrain/captions.json")).size());
        assertEquals(size.baseLmLines(), Files.readAllLines(root.resolve("corpus/base-lm.txt")).size());
        for (String code : TinyWorld.codes()) {
            if (!code.equals(MiniGenerator.ENGLISH)) {
                assertEquals(size.englishInstructions(), TinyWorld.records(root.resolve("gold/" + code + ".json")).size(), code);
                assertEquals(size.captions(), TinyWorld.records(root.resolve("pretrain/gold/" + code + ".json")).size(), code);
                assertEquals(size.seedSentences(), Files.readAllLines(root.resolve("translation-seed/" + code + ".jsonl")).size(), code);
            }
        }
    }

    @Test
    void everyImageIsUsedAndEveryRecordsImageExists() throws IOException {
        Path root = TinyWorld.root();
        List<LlavaRecord> records = TinyWorld.records(root.resolve("instruct/english.json"));
        records.addAll(TinyWorld.records(root.resolve("pretrain/captions.json")));
        List<String> used = records.stream().filter(LlavaRecord::hasImage).map(LlavaRecord::image).distinct().sorted()
                .toList();
        try (var images = Files.list(root.resolve("images"))) {
            assertEquals(used, images.map(p -> p.getFileName().toString()).sorted().toList());
        }
    }

    @Test
    void everyEnglishInstructionHasAlignedGoldInEveryLanguageKeepingTheImagePlaceholder() throws IOException {
        assertEveryEnglishRecordHasAlignedGold("instruct/english.json", "gold/");
    }

    @Test
    void everyEnglishCaptionHasAlignedGoldInEveryLanguageKeepingTheImagePlaceholder() throws IOException {
        assertEveryEnglishRecordHasAlignedGold("pretrain/captions.json", "pretrain/gold/");
    }

    @Test
    void manifestNamesEachLanguagesTranslationSetAsTheFirstEnglishInstructions() throws IOException {
        Path root = TinyWorld.root();
        JsonNode manifest = new ObjectMapper().readTree(root.resolve(MiniManifest.FILE).toFile());
        JsonNode sets = manifest.get(MiniGenerator.TRANSLATION_SETS);
        List<String> englishIds = TinyWorld.records(root.resolve("instruct/english.json")).stream().map(LlavaRecord::id).toList();
        assertEquals(englishIds.stream().sorted().toList(), englishIds, "English ids are in id order");
        int english = manifest.get("counts").get("english_instructions").asInt();
        for (String code : TinyWorld.codes()) {
            if (code.equals(MiniGenerator.ENGLISH)) {
                assertFalse(sets.has(code), "English has no translation set");
                continue;
            }
            JsonNode set = sets.get(code);
            int count = set.get("count").asInt();
            assertEquals(MiniSize.TINY.translatedInstructions(), count, code);
            assertEquals("instruct/english.json", set.get("source").asText());
            assertEquals(englishIds.get(0), set.get("first_id").asText());
            assertEquals(englishIds.get(count - 1), set.get("last_id").asText());
            assertTrue(manifest.get("files").has(set.get("gold").asText()), set.get("gold").asText());
            double ratio = (double) english / count;
            assertTrue(ratio >= 4.4 && ratio <= 4.45, code + ": " + ratio);
        }
    }

    /**
     * The gold file of every other language holds every English image record, in the same order, aligned turn by turn
     * (the text-only share has no gold: it is never translated or scored).
     */
    private static void assertEveryEnglishRecordHasAlignedGold(String englishFile, String goldFolder) throws IOException {
        Path root = TinyWorld.root();
        List<LlavaRecord> english = TinyWorld.records(root.resolve(englishFile)).stream().filter(LlavaRecord::hasImage)
                .toList();
        for (String code : TinyWorld.codes()) {
            if (code.equals(MiniGenerator.ENGLISH)) {
                continue;
            }
            List<LlavaRecord> golds = TinyWorld.records(root.resolve(goldFolder + code + ".json"));
            assertEquals(english.stream().map(LlavaRecord::id).toList(), golds.stream().map(LlavaRecord::id).toList(), code);
            for (int i = 0; i < golds.size(); i++) {
                LlavaRecord source = english.get(i);
                LlavaRecord gold = golds.get(i);
                assertEquals(source.conversations(), gold.englishConversations(), gold.id());
                assertEquals(source.image(), gold.image());
                assertEquals(source.extra(), gold.extra(), gold.id());
                assertEquals(code, gold.language());
                assertEquals(source.conversations().size(), gold.conversations().size());
                for (int turn = 0; turn < gold.conversations().size(); turn++) {
                    Turn translated = gold.conversations().get(turn);
                    assertEquals(source.conversations().get(turn).from(), translated.from());
                    assertEquals(turn == 0, translated.value().startsWith(Turn.IMAGE_TOKEN + "\n"), code + " " + gold.id());
                    assertEquals(turn == 0 ? 1 : 0, translated.value().split(Turn.IMAGE_TOKEN, -1).length - 1);
                    assertNotEquals(source.conversations().get(turn).value(), translated.value(), code + " " + gold.id());
                }
            }
        }
    }

    @Test
    void refusesANonEmptyOutputFolder(@TempDir Path folder) throws IOException {
        Files.writeString(folder.resolve("keep.txt"), "x");
        IOException error = assertThrows(IOException.class,
                () -> new MiniGenerator(MiniConfig.of(MiniSize.TINY, 1), Progress.NONE).generate(folder));
        assertTrue(error.getMessage().contains("not empty"), error.getMessage());
    }

    @Test
    void englishIsAboutFourAndAHalfTimesEachTranslatedSetInEverySize() {
        for (MiniSize size : MiniSize.values()) {
            double ratio = (double) size.englishInstructions() / size.translatedInstructions();
            assertTrue(ratio >= 4.4 && ratio <= 4.45, size + ": " + ratio);
        }
    }
}
