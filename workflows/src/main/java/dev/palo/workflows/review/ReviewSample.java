package dev.palo.workflows.review;

import dev.palo.workflows.ArtifactRef;
import java.util.List;

/**
 * @param artifact       the sample file: every task with its English and translated turns
 * @param tasks          the tasks, flagged ones first (ids only)
 * @param closesAtMillis the review's deadline, fixed when it first opened (epoch millis, workflow time)
 * @param decided        decisions already stored: empty on first opening, the progress when a review
 *                       resumes after continue-as-new
 */
public record ReviewSample(ArtifactRef artifact, List<ReviewTask> tasks, long closesAtMillis,
                           List<DecidedTask> decided) {
    public ReviewSample {
        tasks = List.copyOf(tasks);
        decided = List.copyOf(decided);
    }
}
