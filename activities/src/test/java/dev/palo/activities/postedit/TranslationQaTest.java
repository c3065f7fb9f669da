package dev.palo.activities.postedit;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.palo.data.lang.Language;
import dev.palo.data.lang.LanguageRegistry;
import dev.palo.data.llava.Turn;
import dev.palo.workflows.postedit.QaConfig;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class TranslationQaTest {
    private static final List<Turn> ENGLISH = List.of(
            Turn.human("<image>\nWhat colour is the large square in the picture?"),
            Turn.gpt("The large square in the picture is red."));
    private static final LanguageDetectors DETECTORS = new LanguageDetectors(LanguageRegistry.palo());

    private static Set<QaReason> check(String code, String question, String answer) {
        Language target = LanguageRegistry.palo().get(code);
        return new TranslationQa(target, QaConfig.defaults(), DETECTORS.get(target))
                .check(ENGLISH, List.of(Turn.human(question), Turn.gpt(answer)));
    }

    @Test
    void aGoodTranslationPasses() {
        assertEquals(Set.of(), check("fr", "<image>\nDe quelle couleur est le grand carré sur l'image ?",
                "Le grand carré sur l'image est rouge."));
    }

    @Test
    void aLanguageBesideTheDefaultSetIsCheckedAgainstItself() {
        assertEquals(Set.of(), check("de", "<image>\nWelche Farbe hat das große Quadrat auf dem Bild?",
                "Das große Quadrat auf dem Bild ist rot."));
        assertEquals(Set.of(QaReason.UNTRANSLATED), check("de", ENGLISH.get(0).value(),
                "Das große Quadrat auf dem Bild ist rot."));
    }

    @Test
    void englishLeftAsIsIsUntranslated() {
        assertEquals(Set.of(QaReason.UNTRANSLATED), check("fr", ENGLISH.get(0).value(),
                "Le grand carré sur l'image est rouge."));
    }

    @Test
    void anotherLanguageInTheRightScriptIsWrongLanguage() {
        assertEquals(Set.of(QaReason.WRONG_LANGUAGE), check("fr",
                "<image>\n¿De qué color es el cuadrado grande en la imagen?", "Le grand carré sur l'image est rouge."));
    }

    @Test
    void latinLettersForHindiAreWrongScript() {
        assertEquals(Set.of(QaReason.WRONG_SCRIPT, QaReason.WRONG_LANGUAGE), check("hi",
                "<image>\nDe quelle couleur est le grand carré sur l'image ?", "बड़ा वर्ग लाल है।"));
    }

    @Test
    void lostPlaceholderAndCollapsedAnswerAreFlagged() {
        assertEquals(Set.of(QaReason.PLACEHOLDERS_CHANGED, QaReason.LENGTH_RATIO), check("fr",
                "De quelle couleur est le grand carré sur l'image ?", "Rouge."));
    }
}
