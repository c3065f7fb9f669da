package dev.palo.workflows.evaluate;

import dev.palo.workflows.StageResult;
import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityMethod;

/**
 * Evaluate stage: LLaVA-Bench in every language for one arm's model, scored with the LLaVA-Bench
 * protocol, then the paper's Table 1 for both arms. Generation runs the model ({@code palo-gpu});
 * scoring calls a judge endpoint or computes chrF and the report renders files ({@code palo-cpu}).
 */
@ActivityInterface
public interface EvaluateActivities {
    String STAGE = "evaluate";
    String ANSWERS_STAGE = "evaluate-answers";
    String SCORES_STAGE = "evaluate-scores";
    String REPORT_STAGE = "evaluate-report";

    /**
     * Answers every bench question in every language, greedily. The output is a stored directory
     * with one LLaVA answer file per language ({@code <code>.jsonl}). Heartbeats committed chunks;
     * a retry skips every answered chunk.
     */
    @ActivityMethod
    StageResult generateAnswers(GenerateRequest request);

    /**
     * Reviews every answer against the bench's reference answer and summarises as LLaVA's
     * {@code summarize_gpt_review.py}. The output is {@code scores.json}; review files sit beside it.
     * A retry skips the languages already reviewed.
     */
    @ActivityMethod
    StageResult scoreAnswers(ScoreRequest request);

    /** Table 1 of the run (Markdown, JSON, PNG chart) in the store and in the pipeline's tracking run. */
    @ActivityMethod
    StageResult writeReport(ReportRequest request);
}
