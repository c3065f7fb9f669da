package dev.palo.data.mini;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.palo.data.lang.Language;
import dev.palo.data.lang.LanguageRegistry;
import dev.palo.data.llava.Turn;
import dev.palo.data.mini.errors.ErrorClass;
import dev.palo.data.mini.errors.ErrorInjector;
import dev.palo.data.mini.errors.ErrorRates;
import dev.palo.data.mini.errors.SeedEntry;
import dev.palo.data.mini.errors.SeedSentence;
import dev.palo.data.mini.grammar.Grammar;
import dev.palo.data.mini.grammar.Renderer;
import dev.palo.data.mini.text.DialoguePlanner;
import dev.palo.data.mini.world.SceneGenerator;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The translation seed corpus: errors at their configured rates, visible in targets, never in gold. */
class SeedCorpusTest {

    private static final double TOLERANCE = 0.02;
    private static final LanguageRegistry REGISTRY = LanguageRegistry.palo();
    private static final Grammar ENGLISH = Grammar.forLanguage(MiniGenerator.ENGLISH);

    @Test
    void eachErrorClassIsPresentAtItsDefaultRateAndAbsentFromGold() throws IOException {
        ErrorRates rates = ErrorRates.defaults();
        for (Language language : TinyWorld.languages()) {
            if (language.code().equals(MiniGenerator.ENGLISH)) {
                continue;
            }
            Grammar grammar = Grammar.forLanguage(language.code());
            List<JsonNode> entries = TinyWorld.jsonLines(TinyWorld.root().resolve("translation-seed/" + language.code() + ".jsonl"));
            for (ErrorClass errorClass : ErrorClass.values()) {
                long carrying = entries.stream().filter(e -> errors(e).contains(errorClass.code())).count();
                double expected = applies(errorClass, grammar) ? rates.rate(errorClass) : 0;
                double measured = (double) carrying / entries.size();
                assertEquals(expected, measured, TOLERANCE, language.code() + " " + errorClass.code());
            }
            for (JsonNode entry : entries) {
                String gold = entry.get("gold").asText();
                String target = entry.get("target").asText();
                List<String> errors = errors(entry);
                assertEquals(errors.isEmpty(), gold.equals(target), entry.toString());
                for (String sentence : GoldText.sentences(withoutPlaceholder(gold), language)) {
                    assertNull(GoldText.punctuationProblem(sentence, language), entry.toString());
                }
                assertTrue(GoldText.englishWords(withoutPlaceholder(gold), ENGLISH, grammar).isEmpty(), entry.toString());
                grammar.verbNouns().values().forEach(noun -> assertFalse(containsWord(gold, noun, language), entry.toString()));
                if (errors.contains(ErrorClass.UNTRANSLATED.code())) {
                    assertFalse(GoldText.englishWords(withoutPlaceholder(target), ENGLISH, grammar).isEmpty(), entry.toString());
                }
                if (errors.contains(ErrorClass.PUNCTUATION.code())) {
                    boolean wrong = GoldText.sentences(withoutPlaceholder(target), language).stream()
                            .anyMatch(s -> GoldText.punctuationProblem(s, language) != null)
                            || !target.endsWith(language.punctuation().fullStop()) && !target.endsWith(language.punctuation().questionMark());
                    assertTrue(wrong, entry.toString());
                }
                assertEquals(entry.get("source").asText().startsWith(Turn.IMAGE_TOKEN), gold.startsWith(Turn.IMAGE_TOKEN));
                assertEquals(gold.startsWith(Turn.IMAGE_TOKEN), target.startsWith(Turn.IMAGE_TOKEN));
            }
        }
    }

    @Test
    void configuredRatesAreHonoured() {
        ErrorRates rates = ErrorRates.parse("gender=0.3,untranslated=0.2,punctuation=0.5,noun_for_verb=0.1");
        List<SeedSentence> sentences = sentences(400);
        for (String code : List.of("ar", "ru", "hi")) {
            List<SeedEntry> entries = injector(code).inject(sentences, rates, new SplittableRandom(3));
            for (ErrorClass errorClass : ErrorClass.values()) {
                long carrying = entries.stream().filter(e -> e.errors().contains(errorClass.code())).count();
                assertEquals(rates.rate(errorClass), (double) carrying / entries.size(), TOLERANCE, code + " " + errorClass);
            }
            entries.forEach(e -> assertNotEquals(e.errors().isEmpty(), !e.gold().equals(e.target()), e.toString()));
        }
    }

    @Test
    void aRateTheSentencesCannotCarryFailsNamingTheClass() {
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> injector("fr").inject(sentences(100), ErrorRates.parse("noun_for_verb=1"), new SplittableRandom(1)));
        assertTrue(error.getMessage().contains("noun_for_verb"), error.getMessage());
    }

    @Test
    void badRateSpecificationsAreRejectedClearly() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> ErrorRates.parse("tone=0.1"))
                .getMessage().contains("unknown error class 'tone'"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> ErrorRates.parse("gender=2"))
                .getMessage().contains("gender"));
    }

    private static boolean applies(ErrorClass errorClass, Grammar grammar) {
        return switch (errorClass) {
            case GENDER -> grammar.hasGender();
            case NOUN_FOR_VERB -> !grammar.verbNouns().isEmpty();
            default -> true;
        };
    }

    /** Whole-word containment where the language separates words, substring where it does not. */
    private static boolean containsWord(String text, String word, Language language) {
        if (language.wordSeparator().isEmpty()) {
            return text.contains(word);
        }
        return Pattern.compile("(?<![\\p{L}\\p{M}])" + Pattern.quote(word) + "(?![\\p{L}\\p{M}])").matcher(text).find();
    }

    private static String withoutPlaceholder(String text) {
        return text.replace(Turn.IMAGE_TOKEN + "\n", "");
    }

    private static List<String> errors(JsonNode entry) {
        List<String> errors = new ArrayList<>();
        entry.get("errors").forEach(e -> errors.add(e.asText()));
        return errors;
    }

    private static ErrorInjector injector(String code) {
        Renderer english = new Renderer(ENGLISH, REGISTRY.get(MiniGenerator.ENGLISH), ENGLISH);
        return new ErrorInjector(new Renderer(Grammar.forLanguage(code), REGISTRY.get(code), ENGLISH), english);
    }

    private static List<SeedSentence> sentences(int count) {
        SplittableRandom random = new SplittableRandom(11);
        SceneGenerator scenes = new SceneGenerator(new SplittableRandom(12), 2, scene -> true);
        List<SeedSentence> sentences = new ArrayList<>();
        while (sentences.size() < count) {
            var dialogue = DialoguePlanner.conversation(scenes.next(), random);
            dialogue.exchanges().forEach(exchange -> {
                exchange.question().forEach(m -> sentences.add(new SeedSentence("s" + sentences.size(), m, false)));
                exchange.answer().forEach(m -> sentences.add(new SeedSentence("s" + sentences.size(), m, false)));
            });
        }
        return sentences.subList(0, count);
    }
}
