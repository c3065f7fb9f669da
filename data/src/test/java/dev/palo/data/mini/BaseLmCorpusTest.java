package dev.palo.data.mini;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.pemistahl.lingua.api.LanguageDetector;
import com.github.pemistahl.lingua.api.LanguageDetectorBuilder;
import dev.palo.data.lang.Language;
import dev.palo.data.lang.LanguageRegistry;
import dev.palo.data.lang.ResourceLevel;
import dev.palo.data.mini.corpus.BaseLmCorpus;
import dev.palo.data.mini.corpus.LanguageMix;
import dev.palo.data.mini.errors.ErrorRates;
import java.io.IOException;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class BaseLmCorpusTest {

    private static final LanguageRegistry REGISTRY = LanguageRegistry.palo();

    @Test
    void linesFollowTheRegistryLanguageMix() throws IOException {
        List<String> lines = Files.readAllLines(TinyWorld.root().resolve("corpus/base-lm.txt"));
        List<Language> languages = REGISTRY.defaults();
        // Lingua's default (high-accuracy) mode: the low-accuracy one misread 89 English lines as other languages
        LanguageDetector detector = LanguageDetectorBuilder.fromLanguages(languages.stream()
                .map(Language::linguaLanguage).toArray(com.github.pemistahl.lingua.api.Language[]::new)).build();
        // the chat roles are English in every language's line, as in the fine-tune's template: read what they frame
        Map<com.github.pemistahl.lingua.api.Language, Long> detected = lines.stream()
                .map(line -> line.replace(BaseLmCorpus.USER, "").replace(BaseLmCorpus.ASSISTANT, " "))
                .collect(Collectors.groupingBy(detector::detectLanguageOf, Collectors.counting()));
        Map<String, Integer> expected = LanguageMix.of(languages).allocate(lines.size());
        Language english = REGISTRY.get(LanguageRegistry.SOURCE);
        double share = (double) detected.getOrDefault(english.linguaLanguage(), 0L) / lines.size();
        assertEquals(expected.get(english.code()) / (double) lines.size(), share, 0.02, "English share " + detected);
        for (Language language : languages) {
            if (language.resourceLevel() == ResourceLevel.LOW) {
                long count = detected.getOrDefault(language.linguaLanguage(), 0L);
                assertTrue(count <= expected.get(language.code()) + 2, language.code() + " " + detected);
            }
        }
        assertTrue(lines.stream().noneMatch(String::isBlank));
    }

    @Test
    void everyLineIsOneExchangeAQuestionAndItsAnswerInOneLanguage() throws IOException {
        List<String> lines = Files.readAllLines(TinyWorld.root().resolve("corpus/base-lm.txt"));
        LanguageDetector detector = LanguageDetectorBuilder.fromLanguages(REGISTRY.defaults().stream()
                .map(Language::linguaLanguage).toArray(com.github.pemistahl.lingua.api.Language[]::new)).build();
        int agreeing = 0;
        for (String line : lines) {
            assertTrue(line.startsWith(BaseLmCorpus.USER), line);
            String[] parts = line.substring(BaseLmCorpus.USER.length()).split(BaseLmCorpus.ASSISTANT, -1);
            assertEquals(2, parts.length, line);
            assertTrue(!parts[0].isBlank() && !parts[1].isBlank(), line);
            if (detector.detectLanguageOf(parts[0]) == detector.detectLanguageOf(parts[1])) {
                agreeing++;
            }
        }
        // short answers ("Yes.", "Three.") can read as another Latin-script language; most pairs must agree
        assertTrue(agreeing >= 0.9 * lines.size(), agreeing + " of " + lines.size() + " lines read as one language");
    }

    @Test
    void theManifestCountsALineForEveryLanguageOfTheData() throws IOException {
        Map<?, ?> counts = (Map<?, ?>) new com.fasterxml.jackson.databind.ObjectMapper()
                .readValue(TinyWorld.root().resolve(MiniManifest.FILE).toFile(), Map.class).get("counts");
        Map<?, ?> perLanguage = (Map<?, ?>) counts.get("base_lm_lines");
        assertEquals(REGISTRY.defaults().stream().map(Language::code).toList(), List.copyOf(
                perLanguage.keySet().stream().map(Object::toString).toList()));
        perLanguage.forEach((code, lines) -> assertTrue(((Number) lines).intValue() > 0, code + ": " + lines));
    }

    @Test
    void anExplicitMixMissingALanguageOfTheDataIsRejected() {
        List<String> languages = MiniConfig.withEnglish(REGISTRY.defaultsAnd(List.of("de"))).stream()
                .map(Language::code).toList();
        LanguageMix withoutGerman = LanguageMix.of(REGISTRY.defaults());
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class, () -> new MiniConfig(
                MiniSize.TINY, 1, languages, ErrorRates.defaults(), withoutGerman));
        assertTrue(error.getMessage().contains("[de]"), error.getMessage());
    }
}
