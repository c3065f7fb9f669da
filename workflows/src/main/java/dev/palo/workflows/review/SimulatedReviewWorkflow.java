package dev.palo.workflows.review;

import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;

/**
 * The simulated reviewers of a run, one per language, as a workflow of its own beside the pipeline, so that they
 * outlive any one process: a reviewer whose worker dies is taken up by another worker within one heartbeat timeout.
 */
@WorkflowInterface
public interface SimulatedReviewWorkflow {
    @WorkflowMethod
    int run(SimulatedReviewJob job);

    /** One per run; starting it twice for a run joins the first. */
    static String workflowId(String runId) {
        return runId + "-simulated-review";
    }
}
