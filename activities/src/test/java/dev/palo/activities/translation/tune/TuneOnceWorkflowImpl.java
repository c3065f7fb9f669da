package dev.palo.activities.translation.tune;

import dev.palo.workflows.ActivityPolicies;
import dev.palo.workflows.TaskQueues;
import dev.palo.workflows.translation.translate.TranslatorRef;
import dev.palo.workflows.translation.tune.TuneActivities;
import dev.palo.workflows.translation.tune.TuneRequest;
import dev.palo.workflows.translation.tune.TuneResult;
import io.temporal.workflow.Workflow;

/** Routes the activity as the language pipeline's tune stage does: local training to GPU workers, polling to CPU. */
public class TuneOnceWorkflowImpl implements TuneOnceWorkflow {
    @Override
    public TuneResult run(TuneRequest request) {
        String queue = TranslatorRef.LOCAL.equals(request.base().backend()) ? TaskQueues.GPU : TaskQueues.CPU;
        return Workflow.newActivityStub(TuneActivities.class,
                ActivityPolicies.longStage(queue, request.config().heartbeatTimeout())).tune(request);
    }
}
