package dev.palo.activities.translation.translate;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.palo.data.llava.Turn;
import java.util.List;
import org.junit.jupiter.api.Test;

class CorruptionRuleTest {
    private final List<Turn> english = List.of(Turn.human("<image>\nWhat is <b>this</b>?"), Turn.gpt("A cat."));

    @Test
    void sameStructureAndSpansIsClean() {
        assertFalse(CorruptionRule.isCorrupt(english,
                List.of(Turn.human("<image>\nما <b>هذا</b>؟"), Turn.gpt("قطة."))));
    }

    @Test
    void imageInAGptTurnIsCorrupt() {
        assertTrue(CorruptionRule.isCorrupt(english,
                List.of(Turn.human("<image>\nما <b>هذا</b>؟"), Turn.gpt("<image> قطة."))));
    }

    @Test
    void lostOrInventedSpanIsCorrupt() {
        assertTrue(CorruptionRule.isCorrupt(english, List.of(Turn.human("<image>\nما هذا؟"), Turn.gpt("قطة."))));
        assertTrue(CorruptionRule.isCorrupt(english,
                List.of(Turn.human("<image>\nما <b>هذا</b>؟"), Turn.gpt("<i>قطة</i>."))));
    }

    @Test
    void changedRolesOrTurnCountIsCorrupt() {
        assertTrue(CorruptionRule.isCorrupt(english,
                List.of(Turn.gpt("<image>\nما <b>هذا</b>؟"), Turn.human("قطة."))));
        assertTrue(CorruptionRule.isCorrupt(english, List.of(Turn.human("<image>\nما <b>هذا</b>؟"))));
    }
}
