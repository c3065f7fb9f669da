package dev.palo.activities.translate;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

class PlaceholderPreservingTranslatorTest {
    private final List<String> sent = new CopyOnWriteArrayList<>();
    private final PlaceholderPreservingTranslator translator =
            new PlaceholderPreservingTranslator(text -> {
                sent.add(text);
                return "T(" + text + ")";
            });

    @Test
    void placeholderAtTheStartStaysAtTheStartAndIsNeverSent() {
        assertEquals("<image>\nT(What is this?)", translator.translate("<image>\nWhat is this?"));
        assertEquals(List.of("What is this?"), sent);
    }

    @Test
    void placeholderAtTheEndStaysAtTheEnd() {
        assertEquals("T(What is this?)\n<image>", translator.translate("What is this?\n<image>"));
    }

    @Test
    void placeholderInTheMiddleSplitsTheTextAroundIt() {
        assertEquals("T(Look) <image> T(and describe it.)", translator.translate("Look <image> and describe it."));
        assertEquals(List.of("Look", "and describe it."), sent);
    }

    @Test
    void textWithoutPlaceholderKeepsItsOuterWhitespace() {
        assertEquals("  T(Hello)\n", translator.translate("  Hello\n"));
    }

    @Test
    void placeholderAloneSendsNothing() {
        assertEquals("<image>\n", translator.translate("<image>\n"));
        assertEquals(List.of(), sent);
    }

    @Test
    void whitespaceTheEndpointAddsAroundItsAnswerIsDropped() {
        PlaceholderPreservingTranslator padded = new PlaceholderPreservingTranslator(text -> "\n " + text + " \n");
        assertEquals("<image>\nHi", padded.translate("<image>\nHi"));
    }
}
