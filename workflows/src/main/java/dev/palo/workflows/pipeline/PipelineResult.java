package dev.palo.workflows.pipeline;

import dev.palo.workflows.StageResult;
import dev.palo.workflows.evaluate.EvaluateResult;
import dev.palo.workflows.language.LanguageResult;
import java.util.List;

/**
 * @param trackingRunId   the pipeline's MLflow run
 * @param languages       one result per target language, in the spec's order
 * @param baselineDataset the baseline arm's dataset build (English only); its output is the dataset index
 * @param paloDataset     the PALO arm's dataset build (English and every translation)
 * @param models          base models, pretraining and both arms' fine-tunes; null when the spec trains nothing
 * @param evaluation      answers, scores and the Table-1 report; null when the spec trains nothing
 */
public record PipelineResult(String trackingRunId, List<LanguageResult> languages, StageResult baselineDataset,
                             StageResult paloDataset, TrainedModels models, EvaluateResult evaluation) {
    /** A run that stopped after dataset-build. */
    public PipelineResult(String trackingRunId, List<LanguageResult> languages, StageResult baselineDataset,
                          StageResult paloDataset) {
        this(trackingRunId, languages, baselineDataset, paloDataset, null, null);
    }
}
