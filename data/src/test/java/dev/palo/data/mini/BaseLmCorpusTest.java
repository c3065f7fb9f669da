package dev.palo.data.mini;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.pemistahl.lingua.api.LanguageDetector;
import com.github.pemistahl.lingua.api.LanguageDetectorBuilder;
import dev.palo.data.lang.Language;
import dev.palo.data.lang.LanguageRegistry;
import dev.palo.data.mini.corpus.LanguageMix;
import java.io.IOException;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class BaseLmCorpusTest {

    @Test
    void linesFollowTheDefaultLanguageMix() throws IOException {
        List<String> lines = Files.readAllLines(TinyWorld.root().resolve("corpus/base-lm.txt"));
        LanguageDetector detector = LanguageDetectorBuilder.fromLanguages(LanguageRegistry.palo().all().stream()
                .map(Language::linguaLanguage).toArray(com.github.pemistahl.lingua.api.Language[]::new))
                .withLowAccuracyMode().build();
        Map<com.github.pemistahl.lingua.api.Language, Long> detected = lines.stream()
                .collect(Collectors.groupingBy(detector::detectLanguageOf, Collectors.counting()));
        Map<String, Integer> expected = LanguageMix.paperDefault().allocate(lines.size());
        double english = (double) detected.getOrDefault(com.github.pemistahl.lingua.api.Language.ENGLISH, 0L) / lines.size();
        assertEquals(expected.get("en") / (double) lines.size(), english, 0.02, "English share " + detected);
        for (String code : List.of("ar", "hi", "bn", "ur")) {
            long count = detected.getOrDefault(LanguageRegistry.palo().get(code).linguaLanguage(), 0L);
            assertTrue(count <= expected.get(code) + 2, code + " " + detected);
        }
        assertTrue(lines.stream().noneMatch(String::isBlank));
    }
}
