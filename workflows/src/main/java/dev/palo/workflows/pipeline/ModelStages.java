package dev.palo.workflows.pipeline;

import dev.palo.workflows.ActivityPolicies;
import dev.palo.workflows.GpuScheduling;
import dev.palo.workflows.StageResult;
import dev.palo.workflows.TaskQueues;
import dev.palo.workflows.WorkClass;
import dev.palo.workflows.basemodel.BaseModelActivities;
import dev.palo.workflows.dataset.DatasetArm;
import dev.palo.workflows.evaluate.ArmModel;
import dev.palo.workflows.evaluate.EvaluateActivities;
import dev.palo.workflows.evaluate.EvaluateResult;
import dev.palo.workflows.evaluate.EvaluateSpec;
import dev.palo.workflows.evaluate.EvaluateWorkflow;
import dev.palo.workflows.finetune.FinetuneActivities;
import dev.palo.workflows.finetune.FinetuneRequest;
import dev.palo.workflows.pretrain.PretrainActivities;
import dev.palo.workflows.pretrain.PretrainRequest;
import dev.palo.workflows.training.TrainingSettings;
import io.temporal.workflow.ChildWorkflowOptions;
import io.temporal.workflow.Workflow;
import java.util.ArrayList;
import java.util.List;

/**
 * The model half of a run (issue #5): base models and projector pretraining, which need no translation and run
 * beside the language stages; then each arm's LoRA fine-tune on its dataset; then both arms' evaluation.
 */
final class ModelStages {
    /** Bench language of the English questions, evaluated beside every target language. */
    static final String ENGLISH = "en";
    /** Progress label of the evaluation, one child workflow for both arms. */
    static final String BOTH_ARMS = "both arms";

    private final TrackedStages stages;
    private final BaseModelActivities base =
            Workflow.newActivityStub(BaseModelActivities.class, ActivityPolicies.gpuStage(WorkClass.LONG));

    ModelStages(TrackedStages stages) {
        this.stages = stages;
    }

    /** Base models, then the projector pretrained on the captions with them: [base, pretrain]. */
    List<StageResult> prepare(PipelineSpec spec, String runId, String trackingRunId) {
        TrainingSpec training = spec.training();
        StageResult baseModels = stages.run(trackingRunId, BaseModelActivities.STAGE, BaseModelActivities.LANGUAGE,
                stageRun -> base.prepare(training.base().request(runId, stageRun)));
        PretrainActivities pretrain = Workflow.newActivityStub(PretrainActivities.class,
                ActivityPolicies.gpuStage(WorkClass.LONG));
        StageResult pretrained = stages.run(trackingRunId, PretrainActivities.STAGE, PretrainActivities.LANGUAGE,
                stageRun -> pretrain.pretrainProjector(new PretrainRequest(runId, baseModels.output(),
                        training.captions(), spec.imagePrefix(), training.pretrain(), stageRun)));
        return List.of(baseModels, pretrained);
    }

    /** One arm's LoRA fine-tune from the pretrained model on the arm's dataset, with the arm's settings. */
    StageResult finetune(PipelineSpec spec, String runId, String trackingRunId, DatasetArm arm,
                         StageResult pretrained, StageResult dataset, TrainingSettings settings) {
        FinetuneActivities finetune = Workflow.newActivityStub(FinetuneActivities.class,
                ActivityPolicies.gpuStage(WorkClass.LONG));
        return stages.run(trackingRunId, FinetuneActivities.STAGE, arm.code(),
                stageRun -> finetune.finetuneLora(new FinetuneRequest(runId, arm, pretrained.output(),
                        dataset.output(), spec.imagePrefix(), settings, spec.training().lora(),
                        stageRun)));
    }

    /**
     * Both arms on the bench in English and every target language, ending in the Table-1 report, which states
     * the {@code warnings} the run went on despite.
     */
    EvaluateResult evaluate(PipelineSpec spec, String runId, String trackingRunId, StageResult baseline,
                            StageResult palo, List<String> warnings) {
        EvaluateWorkflow evaluation = Workflow.newChildWorkflowStub(EvaluateWorkflow.class,
                ChildWorkflowOptions.newBuilder()
                        .setWorkflowId(EvaluateWorkflow.workflowId(runId))
                        .setTaskQueue(TaskQueues.CPU)
                        .setMemo(GpuScheduling.childMemo())  // the run's GPU policy reaches its GPU work
                        .build());
        List<String> languages = new ArrayList<>();
        languages.add(ENGLISH);
        languages.addAll(spec.languages());
        return stages.untracked(EvaluateActivities.STAGE, BOTH_ARMS, () -> evaluation.run(new EvaluateSpec(runId, List.of(new ArmModel(DatasetArm.BASELINE, baseline.output()),
                new ArmModel(DatasetArm.PALO, palo.output())), spec.training().bench(), languages,
                spec.training().evaluate(), trackingRunId, warnings)));
    }
}
