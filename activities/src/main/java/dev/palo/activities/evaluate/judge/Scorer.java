package dev.palo.activities.evaluate.judge;

import java.util.List;

/** Reviews answers the LLaVA-Bench way: two scores per question, reference answer first. */
public interface Scorer {
    /** One review per item, in the items' order. */
    List<Review> review(List<ScoringItem> items);
}
