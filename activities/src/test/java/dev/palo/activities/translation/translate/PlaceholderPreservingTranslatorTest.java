package dev.palo.activities.translation.translate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.NoSuchElementException;
import org.junit.jupiter.api.Test;

class PlaceholderPreservingTranslatorTest {
    /** Splits, "translates" each piece as T(piece), and puts the pieces back. */
    private static String translate(String value) {
        return PlaceholderPreservingTranslator.reassemble(value,
                PlaceholderPreservingTranslator.pieces(value).stream().map(text -> "T(" + text + ")").iterator());
    }

    @Test
    void placeholderAtTheStartStaysAtTheStartAndIsNeverSent() {
        assertEquals(List.of("What is this?"), PlaceholderPreservingTranslator.pieces("<image>\nWhat is this?"));
        assertEquals("<image>\nT(What is this?)", translate("<image>\nWhat is this?"));
    }

    @Test
    void placeholderAtTheEndStaysAtTheEnd() {
        assertEquals("T(What is this?)\n<image>", translate("What is this?\n<image>"));
    }

    @Test
    void placeholderInTheMiddleSplitsTheTextAroundIt() {
        assertEquals(List.of("Look", "and describe it."),
                PlaceholderPreservingTranslator.pieces("Look <image> and describe it."));
        assertEquals("T(Look) <image> T(and describe it.)", translate("Look <image> and describe it."));
    }

    @Test
    void textWithoutPlaceholderKeepsItsOuterWhitespace() {
        assertEquals("  T(Hello)\n", translate("  Hello\n"));
    }

    @Test
    void placeholderAloneHasNothingToTranslate() {
        assertEquals(List.of(), PlaceholderPreservingTranslator.pieces("<image>\n"));
        assertEquals("<image>\n", translate("<image>\n"));
    }

    @Test
    void whitespaceTheTranslatorAddsAroundItsAnswerIsDropped() {
        assertEquals("<image>\nHi", PlaceholderPreservingTranslator.reassemble("<image>\nHello",
                List.of("\n Hi \n").iterator()));
    }

    @Test
    void piecesOfSeveralTurnsAreTakenInOrderFromOneStream() {
        var answers = List.of("A", "B", "C").iterator();

        assertEquals("A <image> B", PlaceholderPreservingTranslator.reassemble("x <image> y", answers));
        assertEquals("<image>\nC", PlaceholderPreservingTranslator.reassemble("<image>\nz", answers));
    }

    @Test
    void tooFewTranslationsNameTheTurn() {
        NoSuchElementException e = assertThrows(NoSuchElementException.class,
                () -> PlaceholderPreservingTranslator.reassemble("Look <image> here", List.of("A").iterator()));
        assertEquals("fewer translations than pieces in: Look <image> here", e.getMessage());
    }
}
