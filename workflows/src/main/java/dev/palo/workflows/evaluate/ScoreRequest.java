package dev.palo.workflows.evaluate;

import dev.palo.workflows.ArtifactRef;
import dev.palo.workflows.dataset.DatasetArm;
import java.util.List;

/**
 * Reviews of one arm's answers.
 *
 * @param runId         pipeline run id
 * @param arm           the arm whose answers these are
 * @param answers       the generate stage's output (stored directory of answer files)
 * @param bench         the bench the answers respond to (stored directory index)
 * @param languages     language codes to score, in report order
 * @param scorer        judge or reference scorer
 * @param trackingRunId tracking run receiving the review files and per-language scores
 */
public record ScoreRequest(String runId, DatasetArm arm, ArtifactRef answers, ArtifactRef bench,
                           List<String> languages, ScorerConfig scorer, String trackingRunId) {
    public ScoreRequest {
        languages = languages == null ? List.of() : List.copyOf(languages);
    }
}
