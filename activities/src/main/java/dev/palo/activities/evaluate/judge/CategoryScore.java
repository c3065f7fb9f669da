package dev.palo.activities.evaluate.judge;

/**
 * One line of {@code summarize_gpt_review.py}'s output.
 *
 * @param referenceMean mean reference score, rounded to 3 decimals as the script rounds it
 * @param modelMean     mean model score, rounded likewise
 * @param relative      {@code round(modelMean / referenceMean * 100, 1)}
 * @param reviews       reviews pooled into it
 */
public record CategoryScore(double referenceMean, double modelMean, double relative, int reviews) {
}
