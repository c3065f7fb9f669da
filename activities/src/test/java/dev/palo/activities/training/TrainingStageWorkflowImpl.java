package dev.palo.activities.training;

import dev.palo.workflows.ActivityPolicies;
import dev.palo.workflows.StageResult;
import dev.palo.workflows.TaskQueues;
import dev.palo.workflows.finetune.FinetuneActivities;
import dev.palo.workflows.finetune.FinetuneRequest;
import dev.palo.workflows.pretrain.PretrainActivities;
import dev.palo.workflows.pretrain.PretrainRequest;
import io.temporal.workflow.Workflow;
import java.time.Duration;

/** Schedules the stage with the long-stage policy the pipeline uses, on the GPU queue. */
public final class TrainingStageWorkflowImpl implements TrainingStageWorkflow {
    @Override
    public StageResult run(PretrainRequest pretrain, FinetuneRequest finetune, Duration heartbeatTimeout) {
        if (pretrain != null) {
            return Workflow.newActivityStub(PretrainActivities.class,
                    ActivityPolicies.longStage(TaskQueues.GPU, heartbeatTimeout)).pretrainProjector(pretrain);
        }
        return Workflow.newActivityStub(FinetuneActivities.class,
                ActivityPolicies.longStage(TaskQueues.GPU, heartbeatTimeout)).finetuneLora(finetune);
    }
}
