package dev.palo.activities.review;

import dev.palo.workflows.review.ReviewTurn;
import java.util.List;

/**
 * One review task with its texts, as stored in the sample artifact and shown to reviewers.
 *
 * @param taskId      the task's id
 * @param language    language code
 * @param recordId    the LLaVA record under review
 * @param flagged     post-edit QA flagged it {@code corrupt}
 * @param stratum     its English-length stratum (0 = shortest)
 * @param image       the record's image path, or null for text-only records
 * @param english     the English source conversation
 * @param translation the post-edited translation under review
 */
public record ReviewItem(String taskId, String language, String recordId, boolean flagged, int stratum,
                         String image, List<ReviewTurn> english, List<ReviewTurn> translation) {
}
