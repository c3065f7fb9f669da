package dev.palo.data.mini.read;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.palo.data.lang.Language;
import dev.palo.data.lang.LanguageRegistry;
import dev.palo.data.mini.grammar.Grammar;
import dev.palo.data.mini.grammar.Meaning;
import dev.palo.data.mini.grammar.Renderer;
import dev.palo.data.mini.text.Category;
import dev.palo.data.mini.text.Dialogue;
import dev.palo.data.mini.text.DialoguePlanner;
import dev.palo.data.mini.text.Exchange;
import dev.palo.data.mini.world.Scene;
import dev.palo.data.mini.world.SceneGenerator;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The reader reads back, in every language that has a grammar, exactly what the grammars were asked to say. */
class FactReaderTest {
    private static final FactReader READER = FactReader.palo();

    @Test
    void readsEveryAnswerKindBackInEveryLanguage() {
        SplittableRandom random = new SplittableRandom(11);
        SceneGenerator scenes = new SceneGenerator(random.split(), 1, s -> true);
        List<String> failures = new ArrayList<>();
        int checked = 0;
        for (int i = 0; i < 300; i++) {
            Scene scene = scenes.next();
            for (Category category : Category.values()) {
                Optional<Dialogue> dialogue = DialoguePlanner.plan(category, scene, random);
                if (dialogue.isEmpty()) {
                    continue;
                }
                for (Exchange exchange : dialogue.get().exchanges()) {
                    Set<Fact> expected = MeaningFacts.of(exchange.answer());
                    for (Language language : LanguageRegistry.palo().all()) { // the ten and German
                        String text = renderer(language).text(exchange.answer());
                        Set<Fact> read = READER.read(text);
                        checked++;
                        if (!read.equals(expected)) {
                            failures.add(language.code() + " '" + text + "': read " + read + ", meant " + expected);
                        }
                        expected.forEach(f -> assertTrue(SceneFacts.holds(f, scene), f + " of " + scene.signature()));
                    }
                }
            }
        }
        assertTrue(failures.isEmpty(), failures.size() + " of " + checked + " misread, e.g.\n"
                + String.join("\n", failures.subList(0, Math.min(20, failures.size()))));
    }

    @Test
    void readsAMixOfLanguagesAndSkipsWhatItDoesNotKnow() {
        assertEquals(Set.of(Fact.attribute(Fact.Kind.COLOUR, "circle", "red")), READER.read("The circle is red."));
        assertEquals(Set.of(Fact.attribute(Fact.Kind.COLOUR, "circle", "red"),
                        Fact.attribute(Fact.Kind.POSITION, "star", "left")),
                READER.read("丸は赤色です。The star is on the left."));
        assertEquals(Set.of(), READER.read("Lorem ipsum dolor sit amet, bla bla."));
        assertEquals(Set.of(), READER.read(""));
    }

    @Test
    void leavesOutOnlyStringsThatNameSeveralShapes() {
        System.out.println("lexicon: " + READER.lexicon().size() + " strings; left out: " + READER.lexicon().ambiguous());
        READER.lexicon().ambiguous().forEach(a -> assertTrue(a.contains("SHAPE"), a));
    }

    private static Renderer renderer(Language language) {
        return new Renderer(Grammar.forLanguage(language.code()), language, Grammar.forLanguage("en"));
    }

    static String render(String code, List<Meaning> meanings) {
        return renderer(LanguageRegistry.palo().get(code)).text(meanings);
    }
}
