package dev.palo.data.mini.grammar;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.palo.data.lang.Language;
import dev.palo.data.lang.LanguageRegistry;
import dev.palo.data.mini.world.Colour;
import dev.palo.data.mini.world.Region;
import dev.palo.data.mini.world.Relation;
import dev.palo.data.mini.world.ShapeKind;
import dev.palo.data.mini.world.Size;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class GrammarTest {

    private static final LanguageRegistry REGISTRY = LanguageRegistry.palo();
    private static final Grammar ENGLISH = Grammar.forLanguage("en");

    @Test
    void everyGrammarRendersEveryIntentForEveryCombinationOfTheWorld() {
        for (Language language : REGISTRY.all()) {
            Renderer renderer = renderer(language.code());
            int rendered = 0;
            Slot b = new Slot(ShapeKind.SQUARE.key(), Colour.RED.key(), Size.SMALL.key(), 1, Region.TOP.key());
            List<Slot> objects = objects();
            for (int i = 0; i < objects.size(); i++) {
                Slot a = objects.get(i);
                // each relation phrase is used with a quarter of the slots: every phrase and every slot is covered
                String relation = Relation.values()[i % Relation.values().length].key();
                for (Intent intent : Intent.values()) {
                    Meaning meaning = new Meaning(intent, Map.of("a", a, "b", b, "x", a, "y", b, "s", a, "all", a),
                            List.of(a, b), relation);
                    String sentence = renderer.sentence(meaning);
                    assertFalse(sentence.contains("{") || sentence.contains("  "), language.code() + ": " + sentence);
                    rendered++;
                }
            }
            assertTrue(rendered > 0);
        }
    }

    @Test
    void frenchAdjectivesAgreeInGenderAndNumberAndFollowTheirPlace() {
        Renderer french = renderer("fr");
        String star = french.sentence(exists(ShapeKind.STAR, Colour.GREEN, Size.SMALL));
        assertTrue(star.contains("une petite étoile verte"), star);
        String circle = french.sentence(exists(ShapeKind.CIRCLE, Colour.GREEN, Size.SMALL));
        assertTrue(circle.contains("un petit cercle vert"), circle);
        String count = french.sentence(count("tell_count", ShapeKind.STAR.key(), Colour.PURPLE, 2));
        assertTrue(count.contains("deux étoiles violettes"), count);
    }

    @Test
    void germanAdjectivesAndNumeralsTakeTheAccusativeOfTheirGenderAndNounsTheirCase() {
        Renderer german = renderer("de");
        assertEquals("Links sieht man einen kleinen grünen Stern.",
                german.sentence(exists(ShapeKind.STAR, Colour.GREEN, Size.SMALL)));
        assertEquals("Links sieht man eine große violette Raute.",
                german.sentence(exists(ShapeKind.DIAMOND, Colour.PURPLE, Size.BIG)));
        assertEquals("Links sieht man ein kleines orangefarbenes Dreieck.",
                german.sentence(exists(ShapeKind.TRIANGLE, Colour.ORANGE, Size.SMALL)));
        assertEquals("Auf dem Bild gibt es zwei rote Kreise.",
                german.sentence(count("tell_count", ShapeKind.CIRCLE.key(), Colour.RED, 2)));
        assertEquals("Wie viele Formen gibt es auf dem Bild?",
                german.sentence(count("ask_count", Grammar.SHAPE_NOUN, null, 3)));
        Slot square = new Slot(ShapeKind.SQUARE.key(), Colour.BLUE.key(), Size.BIG.key(), 1, Region.TOP.key());
        Slot diamond = new Slot(ShapeKind.DIAMOND.key(), Colour.RED.key(), Size.SMALL.key(), 1, Region.BOTTOM.key());
        Map<String, Slot> slots = Map.of("a", square, "b", diamond);
        assertEquals("Das Quadrat ist blau.", german.sentence(Meaning.of(Intent.TELL_COLOUR, slots)));
        assertEquals("Das Quadrat ist links von der Raute.",
                german.sentence(new Meaning(Intent.TELL_RELATION, slots, List.of(), Relation.LEFT_OF.key())));
        assertEquals("Das Quadrat ist über der Raute.",
                german.sentence(new Meaning(Intent.TELL_RELATION, slots, List.of(), Relation.ABOVE.key())));
        assertEquals("Wo ist das Quadrat im Verhältnis zur Raute?",
                german.sentence(Meaning.of(Intent.ASK_RELATION, slots)));
    }

    @Test
    void russianNumeralsGovernCaseAndGender() {
        Renderer russian = renderer("ru");
        assertTrue(russian.sentence(count("tell_count", ShapeKind.STAR.key(), Colour.RED, 2)).contains("две красные звезды"));
        assertTrue(russian.sentence(count("tell_count", ShapeKind.CIRCLE.key(), Colour.RED, 3)).contains("три красных круга"));
        assertTrue(russian.sentence(count("ask_count", ShapeKind.CIRCLE.key(), null, 3)).contains("Сколько кругов"));
    }

    @Test
    void arabicUsesDualNumeralPolarityAndFeminineSingularForNonHumanPlurals() {
        Renderer arabic = renderer("ar");
        assertTrue(arabic.sentence(count("tell_count", ShapeKind.CIRCLE.key(), null, 2)).contains("دائرتان"));
        assertTrue(arabic.sentence(count("tell_count", ShapeKind.CIRCLE.key(), null, 3)).contains("ثلاث دوائر"));
        assertTrue(arabic.sentence(count("tell_count", ShapeKind.SQUARE.key(), null, 3)).contains("ثلاثة مربعات"));
        assertTrue(arabic.sentence(count("tell_count", Grammar.SHAPE_NOUN, Colour.RED, 4)).contains("أربعة أشكال حمراء"));
        String question = arabic.sentence(count("ask_count", ShapeKind.SQUARE.key(), null, 1));
        assertTrue(question.contains("مربعًا") && question.endsWith("؟"), question);
    }

    @Test
    void hindiAndUrduVerbsAndAdjectivesAgree() {
        assertTrue(renderer("hi").sentence(count("tell_count", Grammar.SHAPE_NOUN, Colour.GREEN, 2)).contains("दो हरी आकृतियाँ हैं"));
        assertTrue(renderer("hi").sentence(exists(ShapeKind.STAR, Colour.GREEN, Size.BIG)).contains("एक बड़ा हरा तारा है"));
        assertTrue(renderer("ur").sentence(count("tell_count", ShapeKind.STAR.key(), null, 2)).contains("دو ستارے ہیں"));
    }

    @Test
    void chineseJapaneseAndBengaliCountWithTheirMeasureWords() {
        assertTrue(renderer("zh").sentence(count("tell_count", ShapeKind.CIRCLE.key(), null, 2)).contains("两个圆形"));
        assertTrue(renderer("ja").sentence(count("tell_count", ShapeKind.CIRCLE.key(), null, 3)).contains("丸が三つ"));
        assertTrue(renderer("bn").sentence(count("tell_count", ShapeKind.CIRCLE.key(), null, 2)).contains("দুটি বৃত্ত"));
    }

    @Test
    void aWrongGenderDistortionChangesOnlyAgreement() {
        Renderer spanish = renderer("es");
        Meaning meaning = exists(ShapeKind.STAR, Colour.RED, Size.SMALL);
        String wrong = spanish.sentence(meaning, List.of(new Distortion("a", Distortion.Kind.WRONG_GENDER)));
        assertTrue(wrong.contains("un estrella rojo pequeño"), wrong);
    }

    @Test
    void aGrammarMissingVocabularyIsRejectedNamingWhatIsMissing() {
        String json = "{\"language\":\"xx\",\"genders\":[],\"countForms\":{},\"sentenceJoin\":\" \","
                + "\"list\":{\"separator\":\",\",\"last\":\"&\"},\"nouns\":{},\"adjectives\":{},\"numerals\":{},"
                + "\"positions\":{},\"relations\":{},\"words\":{},\"phrases\":{},\"templates\":{},\"verbNouns\":{}}";
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> Grammar.load(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)), "xx.json"));
        assertTrue(error.getMessage().contains("noun 'circle'") && error.getMessage().contains("template 'ask_colour'"),
                error.getMessage());
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Grammar.forLanguage("tlh"))
                .getMessage().contains("'tlh'"));
    }

    private static List<Slot> objects() {
        List<Slot> slots = new ArrayList<>();
        List<String> nouns = new ArrayList<>();
        for (ShapeKind shape : ShapeKind.values()) {
            nouns.add(shape.key());
        }
        nouns.add(Grammar.SHAPE_NOUN);
        for (String noun : nouns) {
            for (Colour colour : Colour.values()) {
                for (Size size : Size.values()) {
                    for (int count = 1; count <= 4; count++) {
                        for (Region region : Region.values()) {
                            slots.add(new Slot(noun, colour.key(), size.key(), count, region.key()));
                        }
                    }
                }
            }
        }
        return slots;
    }

    private static Meaning exists(ShapeKind shape, Colour colour, Size size) {
        return Meaning.of(Intent.EXISTS_AT, Map.of("a", new Slot(shape.key(), colour.key(), size.key(), 1, Region.LEFT.key())));
    }

    private static Meaning count(String intent, String noun, Colour colour, int count) {
        return Meaning.of(Intent.valueOf(intent.toUpperCase(java.util.Locale.ROOT)),
                Map.of("s", new Slot(noun, colour == null ? null : colour.key(), null, count, null)));
    }

    private static Renderer renderer(String code) {
        return new Renderer(Grammar.forLanguage(code), REGISTRY.get(code), ENGLISH);
    }
}
