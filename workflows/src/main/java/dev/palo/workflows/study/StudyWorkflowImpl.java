package dev.palo.workflows.study;

import dev.palo.workflows.ActivityPolicies;
import dev.palo.workflows.FailureTypes;
import dev.palo.workflows.StageResult;
import dev.palo.workflows.TaskQueues;
import dev.palo.workflows.dataset.DatasetArm;
import dev.palo.workflows.evaluate.EvaluateResult;
import dev.palo.workflows.pipeline.PaloPipelineWorkflow;
import dev.palo.workflows.pipeline.PipelineResult;
import dev.palo.workflows.pipeline.PipelineSpec;
import dev.palo.workflows.review.ReviewerMode;
import dev.palo.workflows.review.SimulatedReviewJob;
import dev.palo.workflows.review.SimulatedReviewWorkflow;
import io.temporal.failure.ApplicationFailure;
import io.temporal.failure.CanceledFailure;
import io.temporal.workflow.Async;
import io.temporal.workflow.CancellationScope;
import io.temporal.workflow.ChildWorkflowOptions;
import io.temporal.workflow.Promise;
import io.temporal.workflow.Workflow;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The first run goes alone: it fills the stage cache (validation, translator, translation, review, tune, base
 * models, pretraining), which the other runs then hit instead of computing the same stages side by side. The others
 * start together; their GPU work waits for the {@code palo-gpu} lanes like any run's. A study killed mid-way replays
 * its history: runs that completed are not run again, running ones are waited for. A handful of events per run: no
 * continue-as-new needed.
 */
public class StudyWorkflowImpl implements StudyWorkflow {
    /** Since this version a run's simulated reviewers start once the run's workflow has started. */
    static final String REVIEWERS_AFTER_RUN = "reviewers-after-run-started";
    private static final int REVIEWERS_AFTER_RUN_VERSION = 1;
    private final StudyActivities studies =
            Workflow.newActivityStub(StudyActivities.class, ActivityPolicies.longStage(TaskQueues.CPU));
    private final List<StudyMemberState> states = new ArrayList<>();
    private final List<StudyMemberState> armStates = new ArrayList<>();

    @Override
    public StudyResult run(StudySpec spec) {
        String studyId = Workflow.getInfo().getWorkflowId();
        List<StudyMember> members = spec.members(studyId);
        members.forEach(member -> states.add(new StudyMemberState(member, StudyMemberState.PENDING, null)));
        try {
            return runAll(studyId, spec, members);
        } catch (RuntimeException e) {
            if (!CancellationScope.current().isCancelRequested()) {
                throw e;
            }
            // cancelled (the API's cancel): the runs were cancelled with it (a child is cancelled with its parent and
            // waited for); what had not ended reads CANCELED, and the study ends CANCELED rather than FAILED
            cancelUnfinished(states);
            cancelUnfinished(armStates);
            throw e instanceof CanceledFailure ? e : cancelled(studyId);
        }
    }

    private static CanceledFailure cancelled(String studyId) {
        return new CanceledFailure("study " + studyId + " was cancelled");
    }

    private StudyResult runAll(String studyId, StudySpec spec, List<StudyMember> members) {
        List<PipelineResult> results = new ArrayList<>();
        results.add(await(0, start(spec, members.get(0))));
        failIfAny(studyId);
        List<Promise<PipelineResult>> rest = new ArrayList<>();
        for (int i = 1; i < members.size(); i++) {
            rest.add(start(spec, members.get(i)));
        }
        for (int i = 0; i < rest.size(); i++) {
            results.add(await(i + 1, rest.get(i)));
        }
        failIfAny(studyId);
        List<StudyRunScores> runs = new ArrayList<>();
        for (int i = 0; i < members.size(); i++) {
            runs.add(new StudyRunScores(members.get(i), arms(members.get(i), results.get(i).evaluation())));
        }
        List<SingleLanguageArmScores> arms = spec.singleLanguageArms() ? runSingleLanguageArms(studyId, spec, members,
                results) : List.of();
        StageResult report = studies.report(new StudyReportRequest(studyId, runs, spec.resamples(),
                spec.bootstrapSeed(), params(spec), arms));
        return new StudyResult(members, report);
    }

    @Override
    public List<StudyMemberState> singleLanguageArms() {
        return List.copyOf(armStates);
    }

    /**
     * Table 2's arms: per run and target language, a child fine-tuned on that language's set alone, all started
     * together (their GPU work waits for the lanes like any run's); any that fails fails the study, naming it.
     */
    private List<SingleLanguageArmScores> runSingleLanguageArms(String studyId, StudySpec spec, List<StudyMember> members,
                                                             List<PipelineResult> results) {
        List<SingleLanguageArmJob> jobs = new ArrayList<>();
        for (int i = 0; i < members.size(); i++) {
            for (String language : spec.recipe().languages()) {
                SingleLanguageArmJob job = SingleLanguageArmJob.of(members.get(i), spec.specOf(members.get(i)),
                        results.get(i), language);
                jobs.add(job);
                armStates.add(new StudyMemberState(armMember(job), StudyMemberState.PENDING, null));
            }
        }
        List<Promise<ArmOutputs>> started = new ArrayList<>();
        for (int i = 0; i < jobs.size(); i++) {
            SingleLanguageArmWorkflow arm = Workflow.newChildWorkflowStub(SingleLanguageArmWorkflow.class,
                    ChildWorkflowOptions.newBuilder().setWorkflowId(jobs.get(i).runId()).setTaskQueue(TaskQueues.CPU)
                            .build());
            started.add(Async.function(arm::run, jobs.get(i)));
            armStates.set(i, new StudyMemberState(armStates.get(i).member(), StudyMemberState.RUNNING, null));
        }
        List<SingleLanguageArmScores> arms = new ArrayList<>();
        List<String> failed = new ArrayList<>();
        for (int i = 0; i < jobs.size(); i++) {
            SingleLanguageArmJob job = jobs.get(i);
            try {
                arms.add(new SingleLanguageArmScores(job.member(), job.set().language(), started.get(i).get()));
                armStates.set(i, new StudyMemberState(armStates.get(i).member(), StudyMemberState.COMPLETED, null));
            } catch (RuntimeException e) {
                if (CancellationScope.current().isCancelRequested()) {
                    throw e;
                }
                armStates.set(i, new StudyMemberState(armStates.get(i).member(), StudyMemberState.FAILED, reason(e)));
                failed.add(job.runId() + ": " + reason(e));
            }
        }
        if (!failed.isEmpty()) {
            throw ApplicationFailure.newNonRetryableFailure("study " + studyId + ": " + failed.size()
                    + " single-language arm(s) failed, so Table 2 is incomplete: " + failed, "StudyRunFailed");
        }
        return arms;
    }

    /** An arm as the {@code singleLanguageArms} query lists it: its run's seeds and its own id. */
    private static StudyMember armMember(SingleLanguageArmJob job) {
        return new StudyMember(job.member().finetuneSeed(), job.member().dataSeed(), job.runId());
    }

    @Override
    public List<StudyMemberState> members() {
        return List.copyOf(states);
    }

    /** Starts one run as a child pipeline, with the simulated reviewers its review needs. */
    private Promise<PipelineResult> start(StudySpec spec, StudyMember member) {
        PipelineSpec run = spec.specOf(member);
        PaloPipelineWorkflow pipeline = Workflow.newChildWorkflowStub(PaloPipelineWorkflow.class,
                ChildWorkflowOptions.newBuilder()
                        .setWorkflowId(member.runId())
                        .setTaskQueue(TaskQueues.CPU)
                        .setMemo(new HashMap<>(spec.runMemo()))
                        .build());
        Promise<PipelineResult> result = Async.function(pipeline::run, run);
        if (spec.reviewTree() != null && run.review().mode() == ReviewerMode.SIMULATED
                && run.review().sampleSize() > 0 && runStarted(pipeline)) {
            // as a run the API starts has them; they end with the review, or with the study at the latest
            SimulatedReviewWorkflow reviewers = Workflow.newChildWorkflowStub(SimulatedReviewWorkflow.class,
                    ChildWorkflowOptions.newBuilder()
                            .setWorkflowId(SimulatedReviewWorkflow.workflowId(member.runId()))
                            .setTaskQueue(TaskQueues.CPU)
                            .build());
            Async.function(reviewers::run, new SimulatedReviewJob(member.runId(), run.languages(), spec.reviewTree(),
                    run.review().simulatedDelay()));
        }
        set(member, StudyMemberState.RUNNING, null);
        return result;
    }

    /**
     * Since {@link #REVIEWERS_AFTER_RUN}: waits until the run's workflow exists, as a run the API starts does before its
     * reviewers (each reviewer reads "no such run" as "the run ended" and leaves with nothing decided; started side by
     * side with the run, the first three of a run of nine languages did so in a study, and its review waited for them
     * until the deadline). False when the run did not start (its result says why); histories from before wait for nothing.
     */
    private static boolean runStarted(PaloPipelineWorkflow pipeline) {
        if (Workflow.getVersion(REVIEWERS_AFTER_RUN, Workflow.DEFAULT_VERSION, REVIEWERS_AFTER_RUN_VERSION)
                == Workflow.DEFAULT_VERSION) {
            return true;
        }
        try {
            Workflow.getWorkflowExecution(pipeline).get();
            return true;
        } catch (RuntimeException e) {
            return false;
        }
    }

    /** The run's result; null when it failed (its state says why). */
    private PipelineResult await(int index, Promise<PipelineResult> run) {
        StudyMember member = states.get(index).member();
        try {
            PipelineResult result = run.get();
            if (result.evaluation() == null) {
                set(member, StudyMemberState.FAILED, "the run evaluated nothing");
                return null;
            }
            set(member, StudyMemberState.COMPLETED, null);
            return result;
        } catch (RuntimeException e) {
            if (CancellationScope.current().isCancelRequested()) {
                set(member, StudyMemberState.CANCELED, null);
            } else {
                set(member, StudyMemberState.FAILED, reason(e));
            }
            return null;
        }
    }

    /** The run's own reason, not the child-workflow wrapper's ids: the innermost application failure's message. */
    private static String reason(Throwable failure) {
        String reason = failure.getMessage();
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof ApplicationFailure application) {
                reason = application.getOriginalMessage();
            }
        }
        return reason;
    }

    private void failIfAny(String studyId) {
        if (CancellationScope.current().isCancelRequested()) {
            // no run is started and no report written after a cancel; run() marks what was left
            throw cancelled(studyId);
        }
        List<String> failed = states.stream().filter(s -> StudyMemberState.FAILED.equals(s.state()))
                .map(s -> s.member().runId() + ": " + s.error()).toList();
        if (!failed.isEmpty()) {
            throw ApplicationFailure.newNonRetryableFailure("study " + studyId + ": " + failed.size()
                    + " run(s) failed, so the seeds are incomplete: " + failed, "StudyRunFailed");
        }
    }

    private void set(StudyMember member, String state, String error) {
        for (int i = 0; i < states.size(); i++) {
            if (states.get(i).member().equals(member)) {
                states.set(i, new StudyMemberState(member, state, error));
            }
        }
    }

    private static void cancelUnfinished(List<StudyMemberState> list) {
        for (int i = 0; i < list.size(); i++) {
            StudyMemberState state = list.get(i);
            if (StudyMemberState.PENDING.equals(state.state()) || StudyMemberState.RUNNING.equals(state.state())) {
                list.set(i, new StudyMemberState(state.member(), StudyMemberState.CANCELED, null));
            }
        }
    }

    /** Both arms' answers and scores, in the evaluate stage's order (the arms' order in the spec). */
    private static List<ArmOutputs> arms(StudyMember member, EvaluateResult evaluation) {
        List<ArmOutputs> arms = new ArrayList<>();
        for (int i = 0; i < evaluation.scores().size(); i++) {
            DatasetArm arm = DatasetArm.valueOf(evaluation.scores().get(i).language().toUpperCase(java.util.Locale.ROOT));
            arms.add(new ArmOutputs(arm, evaluation.answers().get(i).output(), evaluation.scores().get(i).output()));
        }
        if (arms.size() != 2) {
            throw ApplicationFailure.newNonRetryableFailure("run " + member.runId() + " evaluated " + arms.size()
                    + " arm(s); a study compares the baseline and PALO arms", FailureTypes.INVALID_INPUT);
        }
        return arms;
    }

    /** The recipe's reproducibility params (no secret: the spec carries secrets by name only, and these omit it). */
    private static Map<String, String> params(StudySpec spec) {
        PipelineSpec recipe = spec.recipe();
        Map<String, String> params = new LinkedHashMap<>();
        params.put("source.sha256", recipe.source().sha256());
        params.put("languages", String.join(",", recipe.languages()));
        params.put("finetuneSeeds", join(spec.finetuneSeeds()));
        params.put("dataSeeds", join(spec.dataSeeds()));
        params.put("bootstrap.resamples", Integer.toString(spec.resamples()));
        params.put("bootstrap.seed", Long.toString(spec.bootstrapSeed()));
        params.put("training.finetune.epochs", Double.toString(recipe.training().finetune().epochs()));
        params.put("training.finetune.learningRate", String.valueOf(recipe.training().finetune().learningRate()));
        params.put("training.lora.r", Integer.toString(recipe.training().lora().r()));
        params.put("training.stepMatchedBaseline", Boolean.toString(recipe.training().stepMatchedBaseline()));
        params.put("study.singleLanguageArms", Boolean.toString(spec.singleLanguageArms()));
        params.put("training.evaluate.scorer", recipe.training().evaluate().scorer().kind());
        params.put("training.bench.sha256", recipe.training().bench().sha256());
        return params;
    }

    private static String join(List<Long> seeds) {
        return String.join(",", seeds.stream().map(String::valueOf).toList());
    }
}
