package dev.palo.workflows.study;

import dev.palo.workflows.ArtifactRef;
import dev.palo.workflows.PipelineFixtures;
import dev.palo.workflows.StageResult;
import dev.palo.workflows.TaskQueues;
import dev.palo.workflows.basemodel.BaseModelSettings;
import dev.palo.workflows.basemodel.BaseTrainingInputs;
import dev.palo.workflows.dataset.DatasetArm;
import dev.palo.workflows.evaluate.EvaluateConfig;
import dev.palo.workflows.evaluate.EvaluateResult;
import dev.palo.workflows.language.LanguageResult;
import dev.palo.workflows.pipeline.BaseModelSetup;
import dev.palo.workflows.pipeline.PaloPipelineWorkflow;
import dev.palo.workflows.pipeline.PipelineResult;
import dev.palo.workflows.pipeline.PipelineSpec;
import dev.palo.workflows.pipeline.TrainedModels;
import dev.palo.workflows.pipeline.TrainingSpec;
import dev.palo.workflows.postedit.PostEditActivities;
import dev.palo.workflows.postedit.QaConfig;
import dev.palo.workflows.progress.PipelineProgressState;
import dev.palo.workflows.review.MissedQuorum;
import dev.palo.workflows.review.QuorumPolicy;
import dev.palo.workflows.review.ReviewActivities;
import dev.palo.workflows.review.ReviewConfig;
import dev.palo.workflows.review.ReviewerMode;
import dev.palo.workflows.review.SimulatedReviewJob;
import dev.palo.workflows.review.SimulatedReviewWorkflow;
import dev.palo.workflows.training.LoraSettings;
import dev.palo.workflows.training.TrainingSettings;
import io.temporal.failure.ApplicationFailure;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.worker.Worker;
import io.temporal.workflow.Workflow;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** A study's recipe, and children that stand in for the pipeline and the simulated reviewers. */
public final class StudyFixtures {
    static final String STUDY_ID = "study-replay";
    static final String TREE = "/tmp/palo-mini-tree";

    private StudyFixtures() {
    }

    /** Arabic with the mini training recipe and a simulated review of 3 conversations. */
    static StudySpec spec(List<Long> finetuneSeeds, List<Long> dataSeeds) {
        ArtifactRef corpus = ref("corpus.txt");
        ArtifactRef captions = ref("captions.json");
        BaseModelSetup base = new BaseModelSetup("palo-mini-base", new BaseTrainingInputs(corpus, List.of(captions),
                "sources/mini/images", List.of(), BaseModelSettings.mini()), null);
        ReviewConfig review = new ReviewConfig(3, List.of(), 7, Duration.ofHours(1),
                new QuorumPolicy(1.0, 1, true, MissedQuorum.FAIL), ReviewerMode.SIMULATED, Duration.ZERO);
        PipelineSpec recipe = new PipelineSpec(PipelineFixtures.SOURCE, List.of("ar"), PipelineFixtures.TRANSLATE,
                QaConfig.defaults(), review, PipelineFixtures.spec(List.of("ar")).dataset(), "sources/mini/images")
                .withTraining(new TrainingSpec(base, captions, TrainingSettings.pretrainMini(),
                        TrainingSettings.finetuneMini(), LoraSettings.mini(), ref("bench.directory.json"),
                        EvaluateConfig.offlineDefaults()));
        return new StudySpec(recipe, finetuneSeeds, dataSeeds, TREE, Map.of("palo.startedBy", "CLI"), 1_000, 14);
    }

    /** Arabic and Urdu with the mini recipe, and Table 2's single-language arms. */
    static StudySpec table2Spec(List<Long> finetuneSeeds, List<Long> dataSeeds) {
        StudySpec base = spec(finetuneSeeds, dataSeeds);
        PipelineSpec recipe = new PipelineSpec(PipelineFixtures.SOURCE, List.of("ar", "ur"), PipelineFixtures.TRANSLATE,
                QaConfig.defaults(), base.recipe().review(), base.recipe().dataset(), base.recipe().imagePrefix())
                .withTraining(base.recipe().training());
        return new StudySpec(recipe, finetuneSeeds, dataSeeds, TREE, base.runMemo(), 1_000, 14, true);
    }

    static TestWorkflowEnvironment start(StudyActivities activities) {
        TestWorkflowEnvironment env = TestWorkflowEnvironment.newInstance();
        Worker worker = env.newWorker(TaskQueues.CPU);
        worker.registerWorkflowImplementationTypes(StudyWorkflowImpl.class, CannedPipeline.class,
                CannedReviewers.class, CannedSingleArm.class);
        worker.registerActivitiesImplementations(activities);
        env.start();
        return env;
    }

    static ArtifactRef ref(String name) {
        return new ArtifactRef("s3://palo/" + name, "sha-" + name, 1, "application/json", 1);
    }

    /**
     * A pipeline that returns evaluated arms at once, records its spec, fails where a test asks, and where a test
     * asks runs until it is cancelled.
     */
    public static class CannedPipeline implements PaloPipelineWorkflow {
        static final Map<String, PipelineSpec> SPECS = new ConcurrentHashMap<>();
        static final Set<String> FAILING = ConcurrentHashMap.newKeySet();
        static final Set<String> RUNNING_UNTIL_CANCELLED = ConcurrentHashMap.newKeySet();

        @Override
        public PipelineResult run(PipelineSpec spec) {
            String runId = Workflow.getInfo().getWorkflowId();
            SPECS.put(runId, spec);
            if (RUNNING_UNTIL_CANCELLED.contains(runId)) {
                Workflow.await(() -> false);
            }
            if (FAILING.contains(runId)) {
                throw ApplicationFailure.newNonRetryableFailure("fine-tune diverged", "Test");
            }
            List<StageResult> answers = List.of(stage("evaluate-answers", "baseline", runId + "/answers-baseline"),
                    stage("evaluate-answers", "palo", runId + "/answers-palo"));
            List<StageResult> scores = List.of(stage("evaluate-scores", "baseline", runId + "/scores-baseline.json"),
                    stage("evaluate-scores", "palo", runId + "/scores-palo.json"));
            // each language's translated set (its last post-edit) and review, and the pretrained model: what a
            // study's single-language arms train from
            List<LanguageResult> languages = spec.languages().stream().map(code -> new LanguageResult(code, List.of(
                    stage(ReviewActivities.STAGE, code, runId + "/review-" + code),
                    stage(PostEditActivities.STAGE, code, runId + "/translated-" + code + ".json")))).toList();
            TrainedModels models = new TrainedModels(stage("base-model", "all", runId + "/base"),
                    stage("pretrain", "all", runId + "/pretrained"), stage("finetune", "baseline", runId + "/ft-b"),
                    stage("finetune", "palo", runId + "/ft-p"));
            return new PipelineResult("tracking-" + runId, languages, null, null, models,
                    new EvaluateResult(answers, scores, stage("evaluate-report", "all", runId + "/table1.json")));
        }

        @Override
        public PipelineProgressState progress() {
            return new PipelineProgressState(List.of(), null, null, List.of());
        }

        private static StageResult stage(String stage, String arm, String key) {
            return new StageResult(stage, arm, ref(key), ref(key + ".manifest"), false, Map.of());
        }
    }

    /** A single-language arm that answers its outputs at once, records its job, and fails where a test asks. */
    public static class CannedSingleArm implements SingleLanguageArmWorkflow {
        static final Map<String, SingleLanguageArmJob> JOBS = new ConcurrentHashMap<>();
        static final Set<String> FAILING = ConcurrentHashMap.newKeySet();

        @Override
        public ArmOutputs run(SingleLanguageArmJob job) {
            JOBS.put(job.runId(), job);
            if (FAILING.contains(job.runId())) {
                throw ApplicationFailure.newNonRetryableFailure("no records left", "Test");
            }
            return new ArmOutputs(DatasetArm.BASELINE, ref(job.runId() + "/answers-baseline"),
                    ref(job.runId() + "/scores-baseline.json"));
        }
    }

    /** Reviewers with nothing to decide. */
    public static class CannedReviewers implements SimulatedReviewWorkflow {
        static final Set<String> JOBS = ConcurrentHashMap.newKeySet();

        @Override
        public int run(SimulatedReviewJob job) {
            JOBS.add(job.runId() + " " + job.miniTree());
            return 0;
        }
    }

    /** Records each report request and answers a report stage. */
    static final class RecordingStudyActivities implements StudyActivities {
        final List<StudyReportRequest> requests = new java.util.concurrent.CopyOnWriteArrayList<>();

        @Override
        public StageResult report(StudyReportRequest request) {
            requests.add(request);
            return new StageResult(STAGE, "all", ref("studies/" + request.studyId() + "/study.json"),
                    ref("studies/" + request.studyId() + "/study.md"), false, Map.of("study.runs",
                    (double) request.runs().size()));
        }
    }
}
