package dev.palo.workflows.evaluate;

import dev.palo.workflows.ActivityPolicies;
import dev.palo.workflows.FailureTypes;
import dev.palo.workflows.StageResult;
import dev.palo.workflows.TaskQueues;
import dev.palo.workflows.WorkClass;
import dev.palo.workflows.dataset.DatasetArm;
import dev.palo.workflows.tracking.StageTracking;
import io.temporal.workflow.Async;
import io.temporal.workflow.Promise;
import io.temporal.workflow.Workflow;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;

/**
 * Arms run in parallel, each generate → score inside its own nested tracking run; the report
 * follows once every arm is scored. A few events per arm: no continue-as-new needed.
 */
public class EvaluateWorkflowImpl implements EvaluateWorkflow {
    /** An arm's evaluation ended its run on any failure before {@link StageTracking#CLOSE_FAILED}. */
    private final StageTracking tracking = new StageTracking(StageTracking.BeforeVersion.ALWAYS);
    private final EvaluateActivities cpu =
            Workflow.newActivityStub(EvaluateActivities.class, ActivityPolicies.longStage(TaskQueues.CPU));

    @Override
    public EvaluateResult run(EvaluateSpec spec) {
        requireComplete(spec);
        EvaluateActivities gpu = Workflow.newActivityStub(EvaluateActivities.class,
                ActivityPolicies.gpuStage(WorkClass.SHORT, spec.config().heartbeatTimeout()));
        List<Promise<ArmEvaluation>> arms = new ArrayList<>();
        for (ArmModel model : spec.models()) {
            arms.add(Async.function(() -> evaluateArm(spec, model, gpu)));
        }
        // the arms' tracking runs are closed off the path while the report is written
        return tracking.closingAll(() -> {
            List<StageResult> answers = new ArrayList<>();
            List<StageResult> scores = new ArrayList<>();
            List<ArmScores> armScores = new ArrayList<>();
            for (int i = 0; i < arms.size(); i++) {
                ArmEvaluation arm = arms.get(i).get();
                answers.add(arm.answers());
                scores.add(arm.scores());
                armScores.add(new ArmScores(spec.models().get(i).arm(), arm.scores().output()));
            }
            StageResult report = cpu.writeReport(new ReportRequest(spec.runId(), armScores, spec.trackingRunId(),
                    spec.warnings()));
            return new EvaluateResult(answers, scores, report);
        });
    }

    private record ArmEvaluation(StageResult answers, StageResult scores) {
    }

    private ArmEvaluation evaluateArm(EvaluateSpec spec, ArmModel model, EvaluateActivities gpu) {
        return tracking.run(spec.trackingRunId(), EvaluateActivities.STAGE, model.arm().code(), stageRun -> {
            StageResult answers = gpu.generateAnswers(new GenerateRequest(spec.runId(), model.arm(), model.bundle(),
                    spec.bench(), spec.languages(), spec.config(), stageRun));
            StageResult scores = cpu.scoreAnswers(new ScoreRequest(spec.runId(), model.arm(), answers.output(),
                    spec.bench(), spec.languages(), spec.config().scorer(), stageRun));
            return new ArmEvaluation(answers, scores);
        }, ArmEvaluation::scores).value();
    }

    private static void requireComplete(EvaluateSpec spec) {
        if (spec == null || spec.runId() == null || spec.bench() == null || spec.config() == null) {
            throw FailureTypes.invalidInput("evaluate spec needs runId, bench and config, got " + spec);
        }
        if (spec.models().isEmpty() || spec.languages().isEmpty()) {
            throw FailureTypes.invalidInput("evaluate spec needs at least one arm model and one language, got " + spec);
        }
        HashSet<DatasetArm> arms = new HashSet<>();
        for (ArmModel model : spec.models()) {
            if (model.arm() == null || model.bundle() == null || !arms.add(model.arm())) {
                throw FailureTypes.invalidInput("every evaluated arm needs a model bundle and may appear once, got " + spec.models());
            }
        }
        if (new HashSet<>(spec.languages()).size() != spec.languages().size()) {
            throw FailureTypes.invalidInput("evaluate spec repeats a language: " + spec.languages());
        }
    }
}
