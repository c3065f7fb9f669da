package dev.palo.workflows.language;

import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;

/** One language's stages, in order, each consuming the previous stage's output. */
@WorkflowInterface
public interface LanguagePipelineWorkflow {
    @WorkflowMethod
    LanguageResult run(LanguageJob job);
}
