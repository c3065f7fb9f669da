package dev.palo.workflows.pipeline;

import dev.palo.workflows.progress.PipelineProgressState;
import io.temporal.workflow.QueryMethod;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;

/**
 * The PALO recipe for a set of languages: the source validated once, then one child {@link
 * dev.palo.workflows.language.LanguagePipelineWorkflow} per language, run in parallel.
 * The workflow id is the pipeline's run id (it prefixes every output key).
 */
@WorkflowInterface
public interface PaloPipelineWorkflow {
    @WorkflowMethod
    PipelineResult run(PipelineSpec spec);

    /** The run's languages and run-level stages with their state, times, counts and failures. */
    @QueryMethod
    PipelineProgressState progress();
}
