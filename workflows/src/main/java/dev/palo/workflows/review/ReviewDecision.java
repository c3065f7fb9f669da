package dev.palo.workflows.review;

import java.util.List;

/**
 * What a reviewer submits. One decision per (taskId, reviewer): a resubmission replaces the earlier
 * one and is stored as a new version.
 *
 * @param taskId    the task decided
 * @param language  the task's language (checked, so a decision cannot land in another language's review)
 * @param reviewer  who decided; {@code simulated} for the demo reviewer
 * @param verdict   accept, correct or reject
 * @param corrected the corrected conversation, turn by turn, for CORRECT; empty otherwise
 */
public record ReviewDecision(String taskId, String language, String reviewer, ReviewVerdict verdict,
                             List<ReviewTurn> corrected) {
    public ReviewDecision {
        corrected = corrected == null ? List.of() : List.copyOf(corrected);
    }
}
