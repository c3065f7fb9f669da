package dev.palo.data.metric;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

class ChrFTest {
    /** Expected figures printed by sacreBLEU 2.5.1 ({@code CHRF().sentence_score(h, [r]).score}, default settings). */
    @Test
    void matchesSacreBleuOnSentencesInSeveralScripts() {
        assertEquals(65.70572936150857, ChrF.sentence("the red circle is left of the square",
                "the red circle is to the left of the blue square"), 1e-9);
        assertEquals(50.41946227055819, ChrF.sentence("دائرة حمراء", "دائرة حمراء على اليسار"), 1e-9);
        assertEquals(25.587524708983082, ChrF.sentence("赤い円", "赤い円が左にあります"), 1e-9);
        assertEquals(0.0, ChrF.sentence("", "something"));
        assertEquals(100.0, ChrF.sentence("abc", "abc"), 1e-9);
    }

    /** sacreBLEU 2.5.1 {@code corpus_score} of the five pairs above: statistics summed, not scores averaged. */
    @Test
    void corpusScoreSumsStatistics() {
        List<String> hypotheses = List.of("the red circle is left of the square", "دائرة حمراء", "赤い円", "", "abc");
        List<String> references = List.of("the red circle is to the left of the blue square",
                "دائرة حمراء على اليسار", "赤い円が左にあります", "something", "abc");
        assertEquals(51.38092237077957, ChrF.corpus(hypotheses, references), 1e-9);
    }

    @Test
    void whitespaceIsIgnored() {
        assertEquals(100.0, ChrF.sentence("a b\tc", "abc"), 1e-9);
    }

    @Test
    void misalignedCorpusIsAnError() {
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> ChrF.corpus(List.of("a"), List.of()));
        assertEquals("chrF needs one reference per hypothesis: 1 hypotheses, 0 references", error.getMessage());
    }
}
