package dev.palo.activities.evaluate.judge;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class JudgeScoreParserTest {
    @Test
    void readsTwoScoresFromTheFirstLine() {
        assertEquals(new ScorePair(8, 7.5), JudgeScoreParser.parse("8 7.5\nAssistant 1 was more precise."));
        assertEquals(new ScorePair(9, 6), JudgeScoreParser.parse("9,6\nexplanation"));
        assertEquals(new ScorePair(10, 3), JudgeScoreParser.parse("10 3"));
    }

    @Test
    void acceptsWhatPythonsFloatAccepts() {
        assertEquals(new ScorePair(8, 7), JudgeScoreParser.parse("8\t 7\r\nwhy"), "float() strips tabs and \\r");
        assertEquals(new ScorePair(-2, 1e1), JudgeScoreParser.parse("-2 1e1"));
        assertEquals(new ScorePair(10, 0.5), JudgeScoreParser.parse("1_0 .5"));
    }

    @Test
    void anythingElseIsTheUnparsedPairAsInLlava() {
        // "8, 9" → "8  9" → three parts when split on single spaces
        assertEquals(ScorePair.UNPARSED, JudgeScoreParser.parse("8, 9\nfine"));
        assertEquals(ScorePair.UNPARSED, JudgeScoreParser.parse("Scores: 8 9"));
        assertEquals(ScorePair.UNPARSED, JudgeScoreParser.parse("8\n9"));
        assertEquals(ScorePair.UNPARSED, JudgeScoreParser.parse("eight nine"));
        assertEquals(ScorePair.UNPARSED, JudgeScoreParser.parse("8/10 9/10"));
        assertEquals(ScorePair.UNPARSED, JudgeScoreParser.parse(""));
        assertEquals(ScorePair.UNPARSED, JudgeScoreParser.parse("0x8 9"));
    }
}
