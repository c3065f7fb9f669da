package dev.palo.workflows.review;

import java.util.List;

/**
 * What a reviewer submits. One decision per (taskId, reviewer): a resubmission replaces the earlier
 * one and is stored as a new version.
 *
 * @param taskId    the task decided
 * @param language  the task's language (checked, so a decision cannot land in another language's review)
 * @param reviewer  who decided, as the caller's verified token names them; {@code simulated} for the demo reviewer
 * @param verdict   accept, correct or reject
 * @param corrected the corrected conversation, turn by turn, for CORRECT; empty otherwise
 * @param reviewerLanguages the languages the reviewer may decide, from the same token; null when not restricted
 *                  (an admin, the simulated reviewer); the workflow's validator refuses a decision in another language
 */
public record ReviewDecision(String taskId, String language, String reviewer, ReviewVerdict verdict,
                             List<ReviewTurn> corrected, List<String> reviewerLanguages) {
    public ReviewDecision {
        corrected = corrected == null ? List.of() : List.copyOf(corrected);
        reviewerLanguages = reviewerLanguages == null ? null : List.copyOf(reviewerLanguages);
    }

    /** A decision by a reviewer not restricted to languages. */
    public ReviewDecision(String taskId, String language, String reviewer, ReviewVerdict verdict,
                          List<ReviewTurn> corrected) {
        this(taskId, language, reviewer, verdict, corrected, null);
    }
}
