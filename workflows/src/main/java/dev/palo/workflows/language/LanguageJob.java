package dev.palo.workflows.language;

import dev.palo.workflows.ArtifactRef;
import dev.palo.workflows.StageResult;
import dev.palo.workflows.TargetLanguage;
import dev.palo.workflows.postedit.QaConfig;
import dev.palo.workflows.review.ReviewConfig;
import dev.palo.workflows.translation.translate.TranslateConfig;
import dev.palo.workflows.translation.translate.TranslatorRef;
import dev.palo.workflows.translation.tune.TuneConfig;
import java.util.ArrayList;
import java.util.List;

/**
 * A language's pipeline input and, through {@code completed} and {@code tuned}, its progress:
 * continue-as-new passes the stages done so far and the next run picks up at the first stage not in the list.
 *
 * @param runId         pipeline run id
 * @param language      target language
 * @param source        English LLaVA JSON (validated)
 * @param translate     translate stage settings
 * @param qa            post-edit QA thresholds
 * @param review        human-review sample, deadline, quorum and reviewer mode
 * @param trackingRunId the pipeline's MLflow run (parent of the stage runs)
 * @param completed     stages finished, in order
 * @param translator    the translator of the first translation; null means {@code translate}'s chat model
 * @param tune          translator fine-tune settings; null ends the language at review (no tune, no re-translate)
 * @param origin        the English data as submitted, before validation: chrF against PALO-mini gold is measured
 *                      when gold is found next to it; null measures nothing
 * @param tuned         the tune stage's translator, once it finished; the re-translate stage uses it
 * @param corrections   corrected pairs from outside the platform that the tune stage adds to the review's; null: none
 */
public record LanguageJob(String runId, TargetLanguage language, ArtifactRef source,
                          TranslateConfig translate, QaConfig qa, ReviewConfig review, String trackingRunId,
                          List<StageResult> completed, TranslatorRef translator, TuneConfig tune, ArtifactRef origin,
                          TranslatorRef tuned, ArtifactRef corrections) {
    public LanguageJob {
        completed = List.copyOf(completed);
    }

    /** Without outside corrections. */
    public LanguageJob(String runId, TargetLanguage language, ArtifactRef source, TranslateConfig translate,
                       QaConfig qa, ReviewConfig review, String trackingRunId, List<StageResult> completed,
                       TranslatorRef translator, TuneConfig tune, ArtifactRef origin, TranslatorRef tuned) {
        this(runId, language, source, translate, qa, review, trackingRunId, completed, translator, tune, origin, tuned,
                null);
    }

    /** A job that stops after review and measures no chrF: the pipeline before translator fine-tuning. */
    public LanguageJob(String runId, TargetLanguage language, ArtifactRef source, TranslateConfig translate,
                       QaConfig qa, ReviewConfig review, String trackingRunId, List<StageResult> completed) {
        this(runId, language, source, translate, qa, review, trackingRunId, completed, null, null, null, null);
    }

    /** A new job: nothing tuned yet. */
    public LanguageJob(String runId, TargetLanguage language, ArtifactRef source, TranslateConfig translate,
                       QaConfig qa, ReviewConfig review, String trackingRunId, List<StageResult> completed,
                       TranslatorRef translator, TuneConfig tune, ArtifactRef origin) {
        this(runId, language, source, translate, qa, review, trackingRunId, completed, translator, tune, origin, null);
    }

    public LanguageJob withCompleted(StageResult result) {
        List<StageResult> next = new ArrayList<>(completed);
        next.add(result);
        return new LanguageJob(runId, language, source, translate, qa, review, trackingRunId, next, translator, tune,
                origin, tuned, corrections);
    }

    public LanguageJob withTuned(TranslatorRef translator) {
        return new LanguageJob(runId, language, source, translate, qa, review, trackingRunId, completed,
                this.translator, tune, origin, translator, corrections);
    }

    /** This job tuning on the given outside corrections too; null leaves it as it is. */
    public LanguageJob withCorrections(ArtifactRef outside) {
        return outside == null ? this : new LanguageJob(runId, language, source, translate, qa, review, trackingRunId,
                completed, translator, tune, origin, tuned, outside);
    }

    /** The translator to fine-tune: the given one, or the translate settings' chat model. */
    public TranslatorRef baseTranslator() {
        return translator != null ? translator : TranslatorRef.openai(translate.model());
    }

    /** The artifact the next stage reads: the last stage's output, or the English source. */
    public ArtifactRef latestArtifact() {
        return completed.isEmpty() ? source : completed.get(completed.size() - 1).output();
    }

    /** The last finished stage's result. */
    public StageResult latestResult() {
        if (completed.isEmpty()) {
            throw new IllegalStateException("no stage of " + language.code() + " has finished yet");
        }
        return completed.get(completed.size() - 1);
    }
}
