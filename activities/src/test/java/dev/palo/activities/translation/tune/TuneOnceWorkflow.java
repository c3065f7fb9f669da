package dev.palo.activities.translation.tune;

import dev.palo.workflows.translation.tune.TuneRequest;
import dev.palo.workflows.translation.tune.TuneResult;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;

/** Runs the tune activity alone, with the production activity policy: for tests of retries and crashes. */
@WorkflowInterface
public interface TuneOnceWorkflow {
    @WorkflowMethod
    TuneResult run(TuneRequest request);
}
