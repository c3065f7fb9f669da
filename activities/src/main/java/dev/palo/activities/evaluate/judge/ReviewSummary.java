package dev.palo.activities.evaluate.judge;

import com.google.common.collect.ImmutableSortedMap;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * LLaVA's {@code summarize_gpt_review.py} for one review file: reviews grouped by category and all
 * of them pooled under {@code all} (not a mean of category ratios); each group's tuples averaged,
 * the means rounded to 3 decimals, then {@code round(model / reference * 100, 1)}. Unparsed
 * {@code (-1, -1)} tuples are averaged in, as the script does; {@link #unparsed} counts them.
 */
public record ReviewSummary(Map<String, CategoryScore> categories, int unparsed) {
    public static final String ALL = "all";

    public ReviewSummary {
        // sorted: stored as JSON, so the same content is the same bytes in every JVM (Map.copyOf's order is salted)
        categories = ImmutableSortedMap.copyOf(categories);
    }

    public static ReviewSummary of(List<Review> reviews) {
        if (reviews.isEmpty()) {
            throw new IllegalArgumentException("no review to summarise");
        }
        Map<String, List<ScorePair>> groups = new TreeMap<>();
        int unparsed = 0;
        for (Review review : reviews) {
            groups.computeIfAbsent(review.category(), c -> new ArrayList<>()).add(review.tuple());
            groups.computeIfAbsent(ALL, c -> new ArrayList<>()).add(review.tuple());
            unparsed += review.tuple().unparsed() ? 1 : 0;
        }
        Map<String, CategoryScore> categories = new TreeMap<>();
        groups.forEach((category, tuples) -> categories.put(category, score(category, tuples)));
        return new ReviewSummary(categories, unparsed);
    }

    /** The pooled relative score, the figure Table 1 reports. */
    public double all() {
        return categories.get(ALL).relative();
    }

    private static CategoryScore score(String category, List<ScorePair> tuples) {
        double reference = 0;
        double model = 0;
        for (ScorePair tuple : tuples) {
            reference += tuple.reference();
            model += tuple.model();
        }
        double referenceMean = PythonRound.round(reference / tuples.size(), 3);
        double modelMean = PythonRound.round(model / tuples.size(), 3);
        if (referenceMean == 0) {
            throw new IllegalArgumentException("the reference answers of category '" + category
                    + "' have a mean score of 0: the relative score is undefined");
        }
        return new CategoryScore(referenceMean, modelMean, PythonRound.round(modelMean / referenceMean * 100, 1),
                tuples.size());
    }
}
