package dev.palo.activities.evaluate;

import com.google.common.collect.ImmutableSortedMap;
import dev.palo.activities.evaluate.judge.CategoryScore;
import dev.palo.workflows.ArtifactRef;
import java.util.Map;

/**
 * One language's summary in {@code scores.json}.
 *
 * @param language   language code
 * @param score      the pooled relative score ({@code all}), the figure Table 1 shows
 * @param categories every line of summarize_gpt_review's output, {@code all} included
 * @param reviews    questions reviewed
 * @param unparsed   judge replies whose first line held no score pair, averaged in as (-1, -1)
 * @param reviewFile the LLaVA review file behind the figures
 * @param scores     the pooled relative score of every scorer that scored the language, by scorer kind
 *                   ({@code content}, {@code reference} for chrF, {@code judge}), the primary one's included;
 *                   empty in files written before there were several
 * @param inLanguage the share (%) of answers identified as written in the question's language; null in files
 *                   written before it was measured
 */
public record LanguageScore(String language, double score, Map<String, CategoryScore> categories, int reviews,
                            int unparsed, ArtifactRef reviewFile, Map<String, Double> scores, Double inLanguage) {
    public LanguageScore {
        // sorted: stored as JSON, so the same content is the same bytes in every JVM (Map.copyOf's order is salted)
        categories = ImmutableSortedMap.copyOf(categories);
        scores = scores == null ? ImmutableSortedMap.of() : ImmutableSortedMap.copyOf(scores);
    }

    /** A language scored by one scorer only, with no in-language rate. */
    public LanguageScore(String language, double score, Map<String, CategoryScore> categories, int reviews,
                         int unparsed, ArtifactRef reviewFile) {
        this(language, score, categories, reviews, unparsed, reviewFile, Map.of(), null);
    }
}
