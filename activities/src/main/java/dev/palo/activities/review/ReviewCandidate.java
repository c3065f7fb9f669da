package dev.palo.activities.review;

/**
 * What the sampler knows of one post-edited record: enough to stratify, nothing to review.
 *
 * @param recordId     the LLaVA record's id
 * @param flagged      post-edit QA flagged it {@code corrupt}
 * @param englishChars characters of its English conversation
 */
record ReviewCandidate(String recordId, boolean flagged, int englishChars) {
}
