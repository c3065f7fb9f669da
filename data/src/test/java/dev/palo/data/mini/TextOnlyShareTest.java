package dev.palo.data.mini;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.pemistahl.lingua.api.LanguageDetector;
import com.github.pemistahl.lingua.api.LanguageDetectorBuilder;
import dev.palo.data.lang.Language;
import dev.palo.data.lang.LanguageRegistry;
import dev.palo.data.llava.LlavaRecord;
import dev.palo.data.llava.Turn;
import dev.palo.data.mini.corpus.LanguageMix;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class TextOnlyShareTest {

    private static final LanguageRegistry REGISTRY = LanguageRegistry.palo();

    @Test
    void theEnglishSetEndsWithItsTextOnlyShareAfterEveryImageInstruction() throws IOException {
        List<LlavaRecord> english = TinyWorld.records(TinyWorld.root().resolve("instruct/english.json"));
        int images = MiniSize.TINY.englishInstructions();
        assertTrue(english.subList(0, images).stream().allMatch(LlavaRecord::hasImage));
        List<LlavaRecord> textOnly = english.subList(images, english.size());
        assertEquals(MiniSize.TINY.textOnlyInstructions(), textOnly.size());
        for (LlavaRecord record : textOnly) {
            assertFalse(record.hasImage(), record.id());
            assertNull(record.language(), "ShareGPT's records carry no language field: " + record.id());
            assertTrue(record.extra().get(MiniGenerator.SCENE_FIELD).isTextual(), record.id());
            assertTrue(record.conversations().stream().noneMatch(t -> t.value().contains(Turn.IMAGE_TOKEN)), record.id());
            // the scene told in words, then the question, where an image record has "<image>\n" and the question
            String[] first = record.conversations().get(0).value().split("\n", -1);
            assertEquals(2, first.length, record.id());
            assertTrue(!first[0].isBlank() && !first[1].isBlank(), record.id());
        }
    }

    @Test
    void eachRecordIsInOneLanguageAndTheLanguagesFollowTheBaseLmMix() throws IOException {
        Path root = TinyWorld.root();
        List<LlavaRecord> textOnly = TinyWorld.records(root.resolve("instruct/english.json")).stream()
                .filter(r -> !r.hasImage()).toList();
        List<Language> languages = REGISTRY.defaults();
        LanguageDetector detector = LanguageDetectorBuilder.fromLanguages(languages.stream()
                .map(Language::linguaLanguage).toArray(com.github.pemistahl.lingua.api.Language[]::new)).build();
        Map<String, Long> detected = new TreeMap<>();
        for (LlavaRecord record : textOnly) {
            String text = record.conversations().stream().map(Turn::value).collect(Collectors.joining(" "));
            com.github.pemistahl.lingua.api.Language read = detector.detectLanguageOf(text);
            detected.merge(languages.stream().filter(l -> l.linguaLanguage() == read).map(Language::code).findFirst()
                    .orElse("?"), 1L, Long::sum);
        }
        Map<String, Integer> expected = LanguageMix.of(languages).allocate(textOnly.size());
        JsonNode counts = new ObjectMapper().readTree(root.resolve(MiniManifest.FILE).toFile())
                .at("/counts/text_only_instructions");
        expected.forEach((code, count) -> assertEquals(count, counts.get(code).asInt(), code));
        // whole conversations, so Lingua reads each one's language; allow one short one misread
        expected.forEach((code, count) -> assertEquals(count, detected.getOrDefault(code, 0L), 1.0,
                code + ": expected " + expected + ", read " + detected));
        assertTrue(expected.entrySet().stream().filter(e -> !e.getKey().equals("en")).mapToInt(Map.Entry::getValue)
                .sum() > 0, "the share holds languages other than English: " + expected);
    }
}
