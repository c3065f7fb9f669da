package dev.palo.activities.evaluate.judge;

import dev.palo.data.metric.ChrF;
import java.util.List;
import java.util.Locale;

/**
 * The offline scorer: agreement with the gold answer in the question's language, measured by
 * sentence chrF (0–100) and mapped to the judge's 1–10 scale as {@code 1 + 9 · chrF / 100},
 * rounded half-to-even to one decimal. The reference side is the gold answer scored against
 * itself (10 for any non-empty gold). The review's content starts with the two scores, as a
 * judge's does, and names the chrF behind them.
 */
public final class ReferenceScorer implements Scorer {
    @Override
    public List<Review> review(List<ScoringItem> items) {
        return items.stream().map(ReferenceScorer::review).toList();
    }

    private static Review review(ScoringItem item) {
        String gold = item.reference().text();
        double goldChrF = ChrF.sentence(gold, gold);
        double answerChrF = ChrF.sentence(item.answer().text(), gold);
        ScorePair tuple = new ScorePair(scale(goldChrF), scale(answerChrF));
        String content = String.format(Locale.ROOT, "%s %s\nchrF against the gold answer: reference %.2f, answer %.2f",
                tuple.reference(), tuple.model(), goldChrF, answerChrF);
        return ReviewLines.of(item, content, tuple);
    }

    /** chrF 0–100 → score 1–10. */
    static double scale(double chrF) {
        return PythonRound.round(1 + 9 * chrF / 100, 1);
    }
}
