package dev.palo.activities.support;

import dev.palo.activities.review.ReviewClient;
import dev.palo.activities.review.SimulatedReviewer;
import dev.palo.activities.source.MiniSourceRefs;
import dev.palo.workflows.TaskQueues;
import dev.palo.workflows.basemodel.BaseModelSettings;
import dev.palo.workflows.basemodel.BaseTrainingInputs;
import dev.palo.workflows.dataset.DatasetConfig;
import dev.palo.workflows.dataset.LanguageSet;
import dev.palo.workflows.evaluate.EvaluateConfig;
import dev.palo.workflows.evaluate.ScorerConfig;
import dev.palo.workflows.pipeline.BaseModelSetup;
import dev.palo.workflows.pipeline.PaloPipelineWorkflow;
import dev.palo.workflows.pipeline.PipelineResult;
import dev.palo.workflows.pipeline.PipelineSpec;
import dev.palo.workflows.pipeline.TrainingSpec;
import dev.palo.workflows.pipeline.TranslatorSetup;
import dev.palo.workflows.postedit.LowYieldAction;
import dev.palo.workflows.postedit.QaConfig;
import dev.palo.workflows.review.MissedQuorum;
import dev.palo.workflows.review.QuorumPolicy;
import dev.palo.workflows.review.ReviewConfig;
import dev.palo.workflows.review.ReviewState;
import dev.palo.workflows.review.ReviewerMode;
import dev.palo.workflows.training.LoraSettings;
import dev.palo.workflows.training.TrainingSettings;
import dev.palo.workflows.translation.base.BaseTranslatorConfig;
import dev.palo.workflows.translation.translate.TranslateConfig;
import dev.palo.workflows.translation.tune.LocalTune;
import dev.palo.workflows.translation.tune.TuneConfig;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * The whole recipe on PALO-mini {@code tiny} with the platform's own models (local translator → post-edit →
 * simulated review → local tune → re-translate → post-edit → dataset-build, base models and pretraining beside
 * them, LoRA fine-tune of each arm, evaluation): the spec, and a run of it whose reviews the test answers from the
 * tree's gold translations. Shared by the full-pipeline tests, so that they run the same recipe.
 */
public final class TinyRecipe {
    /** The base model's registry name in the full-pipeline tests. */
    public static final String BASE_MODEL = "palo-it-base";
    /** Every review samples this many conversations. */
    public static final int REVIEW_SAMPLE = 5;

    private TinyRecipe() {
    }

    /**
     * The recipe for {@code languages}; {@code baseModel} is the base model's registry name, where a registered
     * version with the same cache key is reused (a test that must train it again names another).
     */
    public static PipelineSpec spec(MiniSourceRefs refs, List<String> languages, String baseModel) {
        ReviewConfig review = new ReviewConfig(REVIEW_SAMPLE, List.of(), 3, Duration.ofMinutes(10),
                new QuorumPolicy(1, 1, true, MissedQuorum.FAIL), ReviewerMode.SIMULATED, Duration.ZERO);
        return new PipelineSpec(refs.english(), languages, TranslateConfig.localOnly(),
                QaConfig.defaults().withFloor(QaConfig.DEFAULT_MIN_USABLE_SHARE, LowYieldAction.WARN), review,
                DatasetConfig.defaults(), refs.imagePrefix())
                .withTranslation(refs.translationSource(), TranslatorSetup.trainLocal(
                        languages.stream().map(refs.translationSeed()::get).toList(),
                        BaseTranslatorConfig.of("palo-it-translator", BaseTranslatorConfig.TINY_PRESET)
                                .withCheckpointEvery(50)),
                        TuneConfig.local(LocalTune.builder().rank(8).alpha(16).epochs(2).build()))
                .withTraining(training(refs, languages, baseModel));
    }

    private static TrainingSpec training(MiniSourceRefs refs, List<String> languages, String baseModel) {
        List<LanguageSet> heldOut = languages.stream()
                .map(code -> new LanguageSet(code, refs.gold().get(code), List.of())).toList();
        BaseModelSettings base = BaseModelSettings.mini().toBuilder().vocabSize(1024).maxLength(64).checkpointEvery(100)
                .lmEpochs(0.25).lmBatchSize(32).visionEpochs(0.5).visionLearningRate(3e-3).build();
        return new TrainingSpec(new BaseModelSetup(baseModel, new BaseTrainingInputs(refs.corpus(),
                List.of(refs.captions()), refs.imagePrefix(), heldOut, base), null), refs.captions(),
                TrainingSettings.pretrainMini(),
                TrainingSettings.builder().batches(16, 16).modelMaxLength(192).checkpointEvery(50).build(),
                LoraSettings.mini(), refs.bench(), new EvaluateConfig(12, 16, ScorerConfig.content(), null));
    }

    /**
     * A started run of a spec, with a simulated reviewer per language answering its review from {@code tree}'s gold
     * translations as soon as it opens.
     */
    public static final class Run implements AutoCloseable {
        private final WorkflowStub stub;
        private final Duration timeout;
        private final ExecutorService reviewers;
        private final List<Future<Integer>> decided = new ArrayList<>();

        private Run(WorkflowStub stub, Duration timeout, ExecutorService reviewers) {
            this.stub = stub;
            this.timeout = timeout;
            this.reviewers = reviewers;
        }

        /** Starts {@code spec} as workflow {@code runId} on {@code palo-cpu}, and its reviewers. */
        public static Run start(WorkflowClient client, ReviewClient reviews, Path tree, String runId,
                                PipelineSpec spec, Duration timeout) {
            PaloPipelineWorkflow pipeline = client.newWorkflowStub(PaloPipelineWorkflow.class,
                    WorkflowOptions.newBuilder().setWorkflowId(runId).setTaskQueue(TaskQueues.CPU)
                            .setWorkflowExecutionTimeout(timeout).build());
            WorkflowClient.start(pipeline::run, spec);
            Run run = new Run(WorkflowStub.fromTyped(pipeline), timeout,
                    Executors.newFixedThreadPool(spec.languages().size()));
            for (String language : spec.languages()) {
                run.decided.add(run.reviewers.submit(() -> {
                    awaitOpen(reviews, runId, language, timeout);
                    return new SimulatedReviewer(reviews, tree, Duration.ZERO).review(runId, language).size();
                }));
            }
            return run;
        }

        /** The run's result, once every reviewer has decided its whole sample. */
        public PipelineResult await() throws Exception {
            PipelineResult result = stub.getResult(timeout.toSeconds(), TimeUnit.SECONDS, PipelineResult.class);
            for (Future<Integer> count : decided) {
                if (count.get() != REVIEW_SAMPLE) {
                    throw new AssertionError("a reviewer decided " + count.get() + " of " + REVIEW_SAMPLE + " tasks");
                }
            }
            return result;
        }

        public WorkflowStub stub() {
            return stub;
        }

        @Override
        public void close() {
            reviewers.shutdownNow();
        }

        private static void awaitOpen(ReviewClient reviews, String runId, String language, Duration timeout)
                throws InterruptedException {
            long deadline = System.nanoTime() + timeout.toNanos();
            while (System.nanoTime() < deadline) {
                try {
                    if (reviews.status(runId, language).state() == ReviewState.OPEN) {
                        return;
                    }
                } catch (NoSuchElementException e) {
                    // the language's workflow has not started yet
                }
                Thread.sleep(500);
            }
            throw new IllegalStateException("the " + language + " review of " + runId + " never opened");
        }
    }
}
