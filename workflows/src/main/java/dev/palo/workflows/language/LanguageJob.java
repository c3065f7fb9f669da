package dev.palo.workflows.language;

import dev.palo.workflows.ArtifactRef;
import dev.palo.workflows.StageResult;
import dev.palo.workflows.TargetLanguage;
import dev.palo.workflows.postedit.QaConfig;
import dev.palo.workflows.review.ReviewConfig;
import dev.palo.workflows.translate.TranslateConfig;
import java.util.ArrayList;
import java.util.List;

/**
 * A language's pipeline input and, through {@code completed}, its progress: continue-as-new
 * passes the stages done so far and the next run picks up at the first stage not in the list.
 *
 * @param runId         pipeline run id
 * @param language      target language
 * @param source        English LLaVA JSON
 * @param translate     translate stage settings
 * @param qa            post-edit QA thresholds
 * @param review        human-review sample, deadline, quorum and reviewer mode
 * @param trackingRunId the pipeline's MLflow run (parent of the stage runs)
 * @param completed     stages finished, in order
 */
public record LanguageJob(String runId, TargetLanguage language, ArtifactRef source,
                          TranslateConfig translate, QaConfig qa, ReviewConfig review, String trackingRunId,
                          List<StageResult> completed) {
    public LanguageJob {
        completed = List.copyOf(completed);
    }

    public LanguageJob withCompleted(StageResult result) {
        List<StageResult> next = new ArrayList<>(completed);
        next.add(result);
        return new LanguageJob(runId, language, source, translate, qa, review, trackingRunId, next);
    }

    /** The artifact the next stage reads: the last stage's output, or the English source. */
    public ArtifactRef latestArtifact() {
        return completed.isEmpty() ? source : completed.get(completed.size() - 1).output();
    }
}
