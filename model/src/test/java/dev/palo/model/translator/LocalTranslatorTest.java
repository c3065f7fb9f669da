package dev.palo.model.translator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** A base translator trained on the tiny two-language corpus: what it learned, how it is saved, what it refuses. */
@ExtendWith(TrainedTinyTranslator.class)
class LocalTranslatorTest {
    static LocalTranslator translator;

    @BeforeAll
    static void shared(LocalTranslator trained) {
        translator = trained;
    }

    @Test
    void translatesItsTrainingPairsIntoTheTaggedLanguage() {
        for (String language : List.of("fr", "es")) {
            List<TranslationPair> pairs = TinyCorpus.mistranslated().stream().filter(p -> p.language().equals(language)).toList();
            List<String> translations = translator.translate(pairs.stream().map(TranslationPair::source).toList(), language);
            assertEquals(pairs.stream().map(TranslationPair::target).toList(), translations, language);
        }
        assertEquals(List.of("es", "fr"), translator.languages());
    }

    @Test
    void batchesGiveTheSameTranslationsAsOneByOne() {
        List<String> sources = TinyCorpus.pairs().stream().map(TranslationPair::source).distinct().toList();
        List<String> single = new ArrayList<>();
        sources.forEach(s -> single.addAll(translator.translate(List.of(s), "fr")));
        assertEquals(single, translator.translate(sources, "fr"));
    }

    @Test
    void blankSourcesStayEmpty() {
        List<String> translations = translator.translate(List.of("", "one red circle.", "  "), "es");
        assertEquals("", translations.get(0));
        assertEquals("", translations.get(2));
        assertEquals(translator.translate(List.of("one red circle."), "es").get(0), translations.get(1));
    }

    @Test
    void savedTranslatorLoadsAndTranslatesTheSame(@TempDir Path dir) {
        translator.save(dir);
        List<String> sources = TinyCorpus.french().stream().map(TranslationPair::source).toList();
        try (LocalTranslator loaded = LocalTranslator.load(dir)) {
            assertEquals(translator.translate(sources, "fr"), loaded.translate(sources, "fr"));
            assertEquals(translator.metadata(), loaded.metadata());
        }
        assertTrue(dir.resolve("config.json").toFile().isFile() && dir.resolve("model.safetensors").toFile().isFile()
                && dir.resolve("tokenizer.json").toFile().isFile() && dir.resolve("translator.json").toFile().isFile());
    }

    @Test
    void refusesLanguagesItWasNotTrainedFor() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> translator.translate(List.of("one red circle."), "de"));
        assertTrue(e.getMessage().contains("'de'"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> translator.translate(List.of("one red circle."), "French"));
    }

    @Test
    void refusesSourcesLongerThanThePromptLimit() {
        String longSource = "one red circle. ".repeat(40);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> translator.translate(List.of(longSource), "fr"));
        assertTrue(e.getMessage().contains("max_prompt_tokens"), e.getMessage());
    }

    @Test
    void refusesFoldersThatHoldNoTranslator(@TempDir Path dir) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> LocalTranslator.load(dir));
        assertTrue(e.getMessage().contains("translator.json"), e.getMessage());
    }
}
