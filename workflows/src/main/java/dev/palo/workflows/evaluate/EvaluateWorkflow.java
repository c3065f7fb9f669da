package dev.palo.workflows.evaluate;

import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;

/** Evaluates every arm's model on the multilingual bench and writes the run's Table 1. */
@WorkflowInterface
public interface EvaluateWorkflow {
    /** The child's workflow id: one evaluation per pipeline run. */
    static String workflowId(String runId) {
        return runId + "/" + EvaluateActivities.STAGE;
    }

    @WorkflowMethod
    EvaluateResult run(EvaluateSpec spec);
}
