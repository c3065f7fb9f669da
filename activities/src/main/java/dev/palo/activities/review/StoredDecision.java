package dev.palo.activities.review;

import dev.palo.workflows.review.ReviewTurn;
import dev.palo.workflows.review.ReviewVerdict;
import dev.palo.workflows.review.ReviewerMode;
import java.util.List;

/**
 * One version of one task's decision, as stored under {@code corrections/<taskId>/v<n>.json}.
 *
 * @param taskId    the task
 * @param language  language code
 * @param recordId  the LLaVA record decided
 * @param reviewer  who decided ({@code simulated} for the demo reviewer)
 * @param mode      the review's mode, so a simulated decision is labelled even out of context
 * @param verdict   accept, correct or reject
 * @param version   1, 2, … within the task
 * @param corrected the corrected turns of a CORRECT decision
 */
public record StoredDecision(String taskId, String language, String recordId, String reviewer, ReviewerMode mode,
                      ReviewVerdict verdict, int version, List<ReviewTurn> corrected) {
}
