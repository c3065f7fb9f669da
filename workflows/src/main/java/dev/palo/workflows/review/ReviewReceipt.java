package dev.palo.workflows.review;

import dev.palo.workflows.ArtifactRef;

/**
 * The acknowledgement of an accepted decision.
 *
 * @param taskId   the task decided
 * @param reviewer who decided
 * @param version  the decision's version within its task (1, 2, …)
 * @param stored   the versioned artifact holding the decision
 */
public record ReviewReceipt(String taskId, String reviewer, int version, ArtifactRef stored) {
}
