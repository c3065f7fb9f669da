package dev.palo.activities.evaluate.judge;

import com.fasterxml.jackson.databind.JsonNode;
import dev.palo.data.mini.bench.MiniBench;
import dev.palo.data.mini.read.ContentGrade;
import dev.palo.data.mini.read.ContentGrader;
import dev.palo.data.mini.read.FactReader;
import dev.palo.data.mini.world.Scene;
import java.util.List;
import java.util.Locale;

/**
 * The offline content scorer for PALO-mini benches: the facts the answer states (colours, shapes, sizes,
 * positions, counts, which is bigger, where one object lies from another), read in any of the grammars' languages,
 * graded against the scene the bench's context records ({@link ContentGrade#share()}: gold facts stated minus
 * false facts stated, over the gold facts, at least 0). Mapped to the judge's 1–10 scale as the chrF scorer maps
 * chrF, {@code 1 + 9 · share}, with the gold answer at 10, so the relative score runs from 10% (nothing right)
 * to 100% and compares with the chrF figure. The language the answer is written in does not count: an English
 * answer to a Japanese question that names the right colour scores as the Japanese gold does.
 */
public final class ContentScorer implements Scorer {
    private static final ContentGrader GRADER = new ContentGrader(FactReader.palo());

    /** Whether every item's context names its scene, as a PALO-mini bench's does. */
    public static boolean canScore(List<ScoringItem> items) {
        return items.stream().allMatch(item -> scene(item) != null);
    }

    @Override
    public List<Review> review(List<ScoringItem> items) {
        return items.stream().map(ContentScorer::review).toList();
    }

    private static Review review(ScoringItem item) {
        JsonNode scene = scene(item);
        if (scene == null) {
            throw new IllegalArgumentException("the content scorer grades against the scene a PALO-mini bench records"
                    + " in its contexts ('" + MiniBench.SCENE_FIELD + "'); question " + item.question().questionId()
                    + " has none: score this bench with the 'reference' (chrF) or 'judge' scorer");
        }
        ContentGrade grade = GRADER.grade(item.reference().text(), item.answer().text(), Scene.parse(scene.asText()));
        ScorePair tuple = new ScorePair(ReferenceScorer.scale(100), ReferenceScorer.scale(100 * grade.share()));
        String content = String.format(Locale.ROOT,
                "%s %s\ncontent: %d of %d gold facts stated, %d false; gold %s; answer %s; false %s",
                tuple.reference(), tuple.model(), grade.stated(), grade.gold().size(), grade.contradicted().size(),
                grade.gold(), grade.answer(), grade.contradicted());
        return ReviewLines.of(item, content, tuple);
    }

    private static JsonNode scene(ScoringItem item) {
        return item.context() == null ? null : item.context().extra().get(MiniBench.SCENE_FIELD);
    }
}
