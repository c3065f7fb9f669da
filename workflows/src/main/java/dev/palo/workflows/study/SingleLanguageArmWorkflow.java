package dev.palo.workflows.study;

import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;

/**
 * A single-language arm of the paper's Table 2 (its "150K-&lt;language&gt;" rows): dataset-build of one target
 * language's translated set alone, a LoRA fine-tune on it from the run's pretrained model, and its evaluation in
 * English and every target language. A child of the study, one per run and target language; every stage goes through
 * the stage cache as a run's do.
 */
@WorkflowInterface
public interface SingleLanguageArmWorkflow {
    /** The arm's answers and scores, as the study's report reads a run's arms. */
    @WorkflowMethod
    ArmOutputs run(SingleLanguageArmJob job);

    /** The arm's workflow id and the first part of its output keys: the run's id, {@code -only-}, the language. */
    static String runId(String memberRunId, String language) {
        return memberRunId + "-only-" + language;
    }
}
