package dev.palo.data.lang;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.palo.data.mini.grammar.Grammar;
import dev.palo.data.mini.grammar.Renderer;
import dev.palo.data.mini.text.Category;
import dev.palo.data.mini.text.Dialogue;
import dev.palo.data.mini.text.DialoguePlanner;
import dev.palo.data.mini.text.Exchange;
import dev.palo.data.mini.world.Scene;
import dev.palo.data.mini.world.SceneGenerator;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** Lingua, loaded with the ten languages only, tells PALO-mini's answers in each of them apart. */
class LanguageIdTest {
    private static final List<Language> TEN = LanguageRegistry.palo().defaults();
    /** Below the gold sentences' 99% (GoldTextTest): answers here include the shortest one-sentence ones. */
    private static final double MIN_RATE = 0.97;

    @Test
    void identifiesTheLanguageOfPaloMiniAnswersInEachOfTheTen() {
        LanguageId id = new LanguageId(TEN, LanguageId.Accuracy.HIGH);
        List<Exchange> exchanges = exchanges();
        Map<String, String> rates = new TreeMap<>();
        List<String> low = new ArrayList<>();
        for (Language language : TEN) {
            Renderer renderer = new Renderer(Grammar.forLanguage(language.code()), language, Grammar.forLanguage("en"));
            long right = exchanges.stream().filter(e -> id.writtenIn(renderer.text(e.answer()), language)).count();
            double rate = (double) right / exchanges.size();
            rates.put(language.code(), String.format(Locale.ROOT, "%.3f", rate));
            if (rate < MIN_RATE) {
                low.add(language.code());
            }
        }
        System.out.println("in-language rate of " + exchanges.size() + " gold answers per language: " + rates);
        assertTrue(low.isEmpty(), "below " + MIN_RATE + ": " + low + " in " + rates);
    }

    @Test
    void blankTextIsInNoLanguage() {
        LanguageId id = new LanguageId(TEN, LanguageId.Accuracy.LOW);
        assertEquals(Optional.empty(), id.identify(" "));
        assertFalse(id.writtenIn("", TEN.get(0)));
        assertTrue(id.writtenIn("Круг находится слева от квадрата.", LanguageRegistry.palo().get("ru")));
    }

    private static List<Exchange> exchanges() {
        SplittableRandom random = new SplittableRandom(5);
        SceneGenerator scenes = new SceneGenerator(random.split(), 2, s -> true);
        List<Exchange> exchanges = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            Scene scene = scenes.next();
            for (Category category : Category.values()) {
                DialoguePlanner.plan(category, scene, random).map(Dialogue::exchanges).ifPresent(exchanges::addAll);
            }
        }
        return exchanges;
    }
}
