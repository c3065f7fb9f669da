package dev.palo.activities.translation.translate;

import dev.palo.workflows.ActivityPolicies;
import dev.palo.workflows.StageResult;
import dev.palo.workflows.translation.translate.TranslateActivities;
import dev.palo.workflows.translation.translate.TranslateRequest;
import io.temporal.workflow.Workflow;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;

/** Only the translate stage, on the workflow's own task queue: lets an IT run it on the real server in isolation. */
@WorkflowInterface
public interface TranslateStageWorkflow {
    @WorkflowMethod
    StageResult translate(TranslateRequest request);

    /** The stage with the pipeline's activity options (long stage, heartbeat timeout from the request). */
    final class Impl implements TranslateStageWorkflow {
        @Override
        public StageResult translate(TranslateRequest request) {
            return Workflow.newActivityStub(TranslateActivities.class, ActivityPolicies.longStage(
                    Workflow.getInfo().getTaskQueue(), request.config().heartbeatTimeout())).translate(request);
        }
    }
}
