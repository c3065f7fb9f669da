package dev.palo.activities.postedit;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.palo.data.lang.LanguageRegistry;
import dev.palo.data.lang.Punctuation;
import org.junit.jupiter.api.Test;

class PunctuationEditorTest {
    private static PunctuationEditor editor(String code) {
        return new PunctuationEditor(LanguageRegistry.palo().get(code).punctuation());
    }

    @Test
    void arabicGetsItsQuestionMarkAndCommaButKeepsNumbersAndPlaceholders() {
        Punctuation ar = LanguageRegistry.palo().get("ar").punctuation();
        assertEquals("<image>\nما هذا" + ar.questionMark() + " واحد" + ar.comma() + " اثنان 1,000 و 3.5",
                editor("ar").edit("<image>\nما هذا? واحد, اثنان 1,000 و 3.5"));
    }

    @Test
    void hindiEndsSentencesWithItsFullStopButKeepsEllipses() {
        Punctuation hi = LanguageRegistry.palo().get("hi").punctuation();
        assertEquals("यह लाल है" + hi.fullStop() + " और...", editor("hi").edit("यह लाल है. और..."));
    }

    @Test
    void frenchPutsItsSpaceBeforeQuestionMarksOnce() {
        Punctuation fr = LanguageRegistry.palo().get("fr").punctuation();
        String expected = "Quoi" + fr.spaceBeforeQuestionMark() + "? Oui" + fr.spaceBeforeQuestionMark() + "!";
        assertEquals(expected, editor("fr").edit("Quoi? Oui!"));
        assertEquals(expected, editor("fr").edit(expected));
    }

    @Test
    void textInsideAngleSpansIsUntouched() {
        assertEquals("<a, b?>", editor("zh").edit("<a, b?>"));
    }
}
