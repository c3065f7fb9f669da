package dev.palo.activities.evaluate.judge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.palo.data.bench.BenchAnswer;
import dev.palo.data.bench.BenchContext;
import dev.palo.data.bench.BenchQuestion;
import dev.palo.data.metric.ChrF;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ReferenceScorerTest {
    private static final String GOLD = "There are two red circles at the top of the picture.";

    private static ScoringItem item(String answer) {
        BenchQuestion question = new BenchQuestion(4, "002.png", "How many circles are there?", "complex");
        return new ScoringItem(1, question, new BenchContext("2", "002.png", "caption"),
                BenchAnswer.reference(4, question.text(), GOLD, "gold"),
                new BenchAnswer(4, question.text(), answer, "a-4", "m", JsonNodeFactory.instance.objectNode(), Map.of()));
    }

    private static Review score(String answer) {
        return new ReferenceScorer().review(List.of(item(answer))).get(0);
    }

    @Test
    void theGoldAnswerScoresTenOnBothSides() {
        assertEquals(new ScorePair(10, 10), score(GOLD).tuple());
    }

    @Test
    void theModelScoreIsOnePlusNineTimesChrFRoundedToOneDecimal() {
        String answer = "There are three red circles at the top.";
        double chrF = ChrF.sentence(answer, GOLD);
        Review review = score(answer);
        assertEquals(PythonRound.round(1 + 9 * chrF / 100, 1), review.tuple().model());
        assertEquals(10.0, review.tuple().reference());
        assertTrue(review.tuple().model() > 1 && review.tuple().model() < 10, review.tuple().toString());
    }

    @Test
    void scoresRiseWithAgreementAndStayInOneToTen() {
        double unrelated = score("Blue squares everywhere.").tuple().model();
        double close = score("There are two red circles at the top.").tuple().model();
        double empty = score("").tuple().model();
        assertTrue(empty >= 1 && empty <= unrelated, empty + " vs " + unrelated);
        assertTrue(unrelated < close, unrelated + " vs " + close);
        assertTrue(close < 10, Double.toString(close));
    }

    @Test
    void theContentParsesAsAJudgeReplyToTheSameTuple() {
        Review review = score("There are two circles.");
        assertEquals(review.tuple(), JudgeScoreParser.parse(review.content()));
        assertEquals("llava_bench_complex", review.category());
    }
}
