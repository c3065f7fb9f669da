package dev.palo.activities.worker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.palo.activities.review.ReviewClient;
import dev.palo.activities.review.SimulatedReviewer;
import dev.palo.activities.source.MiniSource;
import dev.palo.activities.source.MiniSourceRefs;
import dev.palo.activities.support.MlflowRest;
import dev.palo.activities.support.PipelineHarness;
import dev.palo.data.mini.MiniSize;
import dev.palo.workflows.StageResult;
import dev.palo.workflows.TaskQueues;
import dev.palo.workflows.basemodel.BaseModelSettings;
import dev.palo.workflows.basemodel.BaseTrainingInputs;
import dev.palo.workflows.dataset.DatasetConfig;
import dev.palo.workflows.dataset.LanguageSet;
import dev.palo.workflows.evaluate.EvaluateConfig;
import dev.palo.workflows.evaluate.ScorerConfig;
import dev.palo.workflows.language.LanguageResult;
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
import dev.palo.workflows.translate.TranslateConfig;
import dev.palo.workflows.translator.BaseTranslatorConfig;
import dev.palo.workflows.tune.LocalTune;
import dev.palo.workflows.tune.TuneConfig;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole recipe on PALO-mini {@code tiny} with the platform's own models, two languages and both arms, on the
 * real servers: local translator → post-edit → simulated review → local tune → re-translate → post-edit →
 * dataset-build, base models → pretrain beside them, LoRA fine-tune of each arm, evaluation, and Table 1 in the
 * object store and in MLflow.
 */
class FullPipelineIT {
    private static final List<String> LANGUAGES = List.of("fr", "ar");
    private static final Duration RUN_TIMEOUT = Duration.ofMinutes(15);

    @TempDir
    Path work;

    @Test
    void tinyTwoLanguageBothArmRunEndsWithTable1InTheStoreAndMlflow() throws Exception {
        runToTable1(work, LANGUAGES);
    }

    /** A finished run: its PALO-mini tree and its Table 1 as Markdown. */
    record FinishedRun(Path tree, String table) {
    }

    /**
     * Runs {@code languages} through every stage on PALO-mini {@code tiny} against the running stack and checks what
     * every run must show; also the body of the eleventh-language test.
     */
    static FinishedRun runToTable1(Path work, List<String> languages) throws Exception {
        try (PipelineHarness harness = PipelineHarness.start(work, Map.of())) {
            Path tree = MiniSource.generate(work.resolve("data"), MiniSize.TINY, 5, languages);
            MiniSourceRefs refs = MiniSource.upload(harness.store(), tree, work.resolve("directories"));
            ReviewConfig review = new ReviewConfig(5, List.of(), 3, Duration.ofMinutes(10),
                    new QuorumPolicy(1, 1, true, MissedQuorum.FAIL), ReviewerMode.SIMULATED, Duration.ZERO);
            PipelineSpec spec = new PipelineSpec(refs.english(), languages, TranslateConfig.localOnly(),
                    QaConfig.defaults().withFloor(QaConfig.DEFAULT_MIN_USABLE_SHARE, LowYieldAction.WARN), review,
                    DatasetConfig.defaults(), refs.imagePrefix())
                    .withTranslation(refs.translationSource(), TranslatorSetup.trainLocal(
                            languages.stream().map(refs.translationSeed()::get).toList(),
                            new BaseTranslatorConfig("palo-it-translator", "tiny", 0, 42, 50)),
                            TuneConfig.local(new LocalTune(8, 16, 0.05, 2e-3, 2, 16, 42, 20)))
                    .withTraining(training(refs, languages));
            String runId = "it-full-" + UUID.randomUUID();
            PaloPipelineWorkflow pipeline = harness.client().newWorkflowStub(PaloPipelineWorkflow.class,
                    WorkflowOptions.newBuilder().setWorkflowId(runId).setTaskQueue(TaskQueues.CPU)
                            .setWorkflowExecutionTimeout(RUN_TIMEOUT).build());
            WorkflowClient.start(pipeline::run, spec);

            ExecutorService reviewers = Executors.newFixedThreadPool(languages.size());
            ReviewClient reviews = new ReviewClient(harness.client(), harness.store());
            List<Future<Integer>> decided = new ArrayList<>();
            for (String language : languages) {
                decided.add(reviewers.submit(() -> {
                    awaitOpen(reviews, runId, language);
                    return new SimulatedReviewer(reviews, tree, Duration.ZERO).review(runId, language).size();
                }));
            }
            PipelineResult result = WorkflowStub.fromTyped(pipeline)
                    .getResult(RUN_TIMEOUT.toMinutes(), TimeUnit.MINUTES, PipelineResult.class);
            reviewers.shutdown();
            for (Future<Integer> count : decided) {
                assertEquals(5, count.get());
            }

            for (LanguageResult language : result.languages()) {
                List<String> stages = language.stages().stream().map(StageResult::stage).toList();
                assertEquals(List.of("translate", "post-edit", "review", "tune", "translate", "post-edit"), stages,
                        language.language());
                assertTrue(result.paloDataset().metrics().containsKey("records." + language.language()));
            }
            assertTrue(result.models().palo().output().uri().endsWith(".directory.json"), result.models().toString());
            String table = read(harness, result.evaluation().report().output().uri().replace("table1.json",
                    "table1.md"));
            for (String row : List.of("baseline", "palo")) {
                assertTrue(table.lines().anyMatch(line -> line.startsWith("| " + row)), table);
            }
            assertTrue(table.contains("Avg.H") && table.contains("Avg.L"), table);
            assertTrue(table.contains("multilingual LLaVA-Bench, content scorer")
                    && table.contains("### Beside Table 1: relative score (%), reference scorer")
                    && table.contains("### Beside Table 1: answers written in the question's language (%), Lingua"), table);
            System.out.println("Table 1 of the tiny run:\n" + table);
            MlflowRest mlflow = new MlflowRest(harness.stack().mlflowUri);
            assertTrue(mlflow.artifactPaths(result.trackingRunId(), "reports").contains("reports/table1.md"));
            JsonNode run = mlflow.searchRuns(mlflow.experimentId(PipelineHarness.EXPERIMENT),
                    "attributes.run_id = '" + result.trackingRunId() + "'").get(0);
            assertTrue(MlflowRest.metric(run, "table1.palo.avg") != null, run.toString());
            assertTrue(MlflowRest.metric(run, "in_language.palo.avg") != null, run.toString());
            return new FinishedRun(tree, table);
        }
    }

    private static TrainingSpec training(MiniSourceRefs refs, List<String> languages) {
        List<LanguageSet> heldOut = languages.stream()
                .map(code -> new LanguageSet(code, refs.gold().get(code), List.of())).toList();
        BaseModelSettings base = new BaseModelSettings("mini", 1024, 0.25, 32, 2e-3, 64, 100, 0.5, 32, 3e-3, 42);
        return new TrainingSpec(new BaseModelSetup("palo-it-base", new BaseTrainingInputs(refs.corpus(),
                List.of(refs.captions()), refs.imagePrefix(), heldOut, base), null), refs.captions(),
                new TrainingSettings(1, 16, 16, 64, 25, 42, null), new TrainingSettings(1, 16, 16, 192, 50, 42, null),
                LoraSettings.mini(), refs.bench(), new EvaluateConfig(12, 16, ScorerConfig.content(), null));
    }

    private static void awaitOpen(ReviewClient reviews, String runId, String language) throws InterruptedException {
        long deadline = System.nanoTime() + RUN_TIMEOUT.toNanos();
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

    private static String read(PipelineHarness harness, String uri) throws Exception {
        String key = uri.substring(harness.store().uri("").length());
        try (InputStream in = harness.store().open(harness.store().stat(key).orElseThrow())) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
