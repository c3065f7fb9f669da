package dev.palo.workflows.review;

import dev.palo.workflows.ArtifactRef;

/**
 * @param runId    pipeline run id
 * @param decision the validated decision
 * @param version  its version within the task, assigned by the workflow
 * @param sample   the sample artifact the task belongs to
 */
public record StoreDecisionRequest(String runId, ReviewDecision decision, int version, ArtifactRef sample) {
}
