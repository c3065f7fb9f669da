package dev.palo.activities.training;

import dev.palo.workflows.StageResult;
import dev.palo.workflows.finetune.FinetuneRequest;
import dev.palo.workflows.pretrain.PretrainRequest;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;
import java.time.Duration;

/** One training stage alone under Temporal, for the crash tests: the pipeline's call without the pipeline. */
@WorkflowInterface
public interface TrainingStageWorkflow {
    /** Runs {@code pretrain} or {@code finetune} (exactly one is given) on {@code palo-gpu}. */
    @WorkflowMethod
    StageResult run(PretrainRequest pretrain, FinetuneRequest finetune, Duration heartbeatTimeout);
}
