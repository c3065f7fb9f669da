package dev.palo.workflows.language;

import dev.palo.workflows.ArtifactRef;
import dev.palo.workflows.StageResult;
import dev.palo.workflows.dataset.LanguageSet;
import dev.palo.workflows.postedit.PostEditActivities;
import dev.palo.workflows.review.ReviewActivities;
import io.temporal.failure.ApplicationFailure;
import java.util.List;

/**
 * @param language language code
 * @param stages   every stage's result, in pipeline order
 * @param warnings what the language went on despite (a yield below its floor under {@code WARN}); empty when none
 */
public record LanguageResult(String language, List<StageResult> stages, List<String> warnings) {
    public LanguageResult {
        warnings = warnings == null ? List.of() : List.copyOf(warnings);
    }

    public LanguageResult(String language, List<StageResult> stages) {
        this(language, stages, List.of());
    }

    /**
     * The set to train on: the last post-edit's output, i.e. the re-translation's when the translator
     * was tuned, else the first translation's.
     */
    public ArtifactRef finalTranslation() {
        for (int i = stages.size() - 1; i >= 0; i--) {
            if (stages.get(i).stage().equals(PostEditActivities.STAGE)) {
                return stages.get(i).output();
            }
        }
        throw ApplicationFailure.newNonRetryableFailure("language " + language + " has no "
                + PostEditActivities.STAGE + " result among " + stages, "MissingStageResult");
    }

    /**
     * The set the language's fine-tune arms train on: the {@link #finalTranslation()}, derived with the review's
     * corrected pairs (its lineage in the dataset's index).
     */
    public LanguageSet trainingSet() {
        return new LanguageSet(language, finalTranslation(), List.of(stage(ReviewActivities.STAGE).output()));
    }

    private StageResult stage(String stage) {
        return stages.stream().filter(result -> result.stage().equals(stage)).findFirst()
                .orElseThrow(() -> ApplicationFailure.newNonRetryableFailure("language " + language
                        + " has no " + stage + " result among " + stages, "MissingStageResult"));
    }
}
