package dev.palo.workflows.study;

import io.temporal.workflow.QueryMethod;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;
import java.util.List;

/**
 * A study: one recipe (a pipeline spec with training) run once per fine-tune seed × data seed, each run a child
 * {@link dev.palo.workflows.pipeline.PaloPipelineWorkflow}, then one report of every metric over the seeds with
 * paired bootstrap intervals for PALO − baseline. The workflow id is the study id; it prefixes the runs' ids.
 */
@WorkflowInterface
public interface StudyWorkflow {
    @WorkflowMethod
    StudyResult run(StudySpec spec);

    /** Each run of the study with its seeds and state, in the spec's order (fine-tune seed first). */
    @QueryMethod
    List<StudyMemberState> members();

    /**
     * Table 2's single-language arms (a study with {@link StudySpec#singleLanguageArms()}), each with its run's seeds,
     * its own id ({@link SingleLanguageArmWorkflow#runId}) and state; empty until every run completed, and always
     * for a study without them.
     */
    @QueryMethod
    List<StudyMemberState> singleLanguageArms();
}
