package dev.palo.workflows.study;

import dev.palo.workflows.ActivityPolicies;
import dev.palo.workflows.StageResult;
import dev.palo.workflows.TaskQueues;
import dev.palo.workflows.WorkClass;
import dev.palo.workflows.dataset.DatasetActivities;
import dev.palo.workflows.dataset.DatasetArm;
import dev.palo.workflows.dataset.DatasetBuildRequest;
import dev.palo.workflows.evaluate.ArmModel;
import dev.palo.workflows.evaluate.EvaluateResult;
import dev.palo.workflows.evaluate.EvaluateSpec;
import dev.palo.workflows.evaluate.EvaluateWorkflow;
import dev.palo.workflows.finetune.FinetuneActivities;
import dev.palo.workflows.finetune.FinetuneRequest;
import dev.palo.workflows.tracking.StageTracking;
import io.temporal.workflow.ChildWorkflowOptions;
import io.temporal.workflow.Workflow;
import java.util.List;
import java.util.Map;

/**
 * The stages take the run's own activities unchanged: the dataset-build's English-only arm reads exactly one set, so
 * given the language's translated set as that set it builds the language's dataset alone (its records keep their
 * language label); the fine-tune and the evaluation run it as a one-arm model. All three nest in a tracking run of
 * their own under the run's ({@code single-language-arm <language>}), so their names never meet the run's own stages.
 */
public class SingleLanguageArmWorkflowImpl implements SingleLanguageArmWorkflow {
    /** Stage name of the arm's own tracking run, under the run's. */
    static final String STAGE = "single-language-arm";
    /** The arm stands where a run's baseline arm does: the one arm of its dataset, fine-tune and evaluation. */
    static final DatasetArm ARM = DatasetArm.BASELINE;

    private final StageTracking tracking = new StageTracking(StageTracking.BeforeVersion.ALWAYS);
    private final DatasetActivities dataset =
            Workflow.newActivityStub(DatasetActivities.class, ActivityPolicies.longStage(TaskQueues.CPU));
    private final FinetuneActivities finetune =
            Workflow.newActivityStub(FinetuneActivities.class, ActivityPolicies.gpuStage(WorkClass.LONG));

    @Override
    public ArmOutputs run(SingleLanguageArmJob job) {
        String language = job.set().language();
        // the arm's tracking runs, closed off the path, end before the workflow
        return tracking.closingAll(() -> tracking.run(job.trackingRunId(), STAGE, language, armRun -> arm(job, armRun),
                done -> new StageResult(STAGE, language, done.scores(), done.answers(), false, Map.of())).value());
    }

    private ArmOutputs arm(SingleLanguageArmJob job, String armRun) {
        StageResult built = tracking.run(armRun, DatasetActivities.STAGE, ARM.code(),
                stageRun -> dataset.build(new DatasetBuildRequest(job.runId(), ARM, job.set(), List.of(),
                        job.dataset(), stageRun)), result -> result).value();
        StageResult model = tracking.run(armRun, FinetuneActivities.STAGE, ARM.code(),
                stageRun -> finetune.finetuneLora(new FinetuneRequest(job.runId(), ARM, job.pretrained(),
                        built.output(), job.imagePrefix(), job.finetune(), job.lora(), stageRun)),
                result -> result).value();
        EvaluateWorkflow evaluation = Workflow.newChildWorkflowStub(EvaluateWorkflow.class,
                ChildWorkflowOptions.newBuilder()
                        .setWorkflowId(EvaluateWorkflow.workflowId(job.runId()))
                        .setTaskQueue(TaskQueues.CPU)
                        .build());
        EvaluateResult evaluated = evaluation.run(new EvaluateSpec(job.runId(), List.of(new ArmModel(ARM,
                model.output())), job.bench(), job.languages(), job.evaluate(), armRun, List.of()));
        return new ArmOutputs(ARM, evaluated.answers().get(0).output(), evaluated.scores().get(0).output());
    }
}
