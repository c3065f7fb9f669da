package dev.palo.workflows.review;

import dev.palo.workflows.ArtifactRef;
import java.util.List;
import java.util.Map;

/**
 * A review's progress, as answered by the workflow query: counts and ids only.
 *
 * @param language     language code
 * @param state        not started, open or closed
 * @param mode         human or simulated reviewers
 * @param sample       the sample artifact (task ids, record ids, texts); null before the sample exists
 * @param tasks        tasks in the sample
 * @param decided      tasks with at least one decision
 * @param required     decided tasks the quorum needs
 * @param verdicts     latest verdict counts, by verdict
 * @param pendingTaskIds tasks nobody decided yet
 */
public record ReviewStatus(String language, ReviewState state, ReviewerMode mode, ArtifactRef sample, int tasks,
                           int decided, int required, Map<ReviewVerdict, Integer> verdicts,
                           List<String> pendingTaskIds) {
}
