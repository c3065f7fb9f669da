package dev.palo.activities.translation.tune;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.palo.activities.llm.ApiKeys;
import dev.palo.activities.review.ReviewClient;
import dev.palo.activities.review.SimulatedReviewer;
import dev.palo.activities.storage.MinioObjectStore;
import dev.palo.activities.support.EmbeddedStack;
import dev.palo.activities.support.FakeChatServer;
import dev.palo.activities.support.LlavaSamples;
import dev.palo.activities.support.MlflowRest;
import dev.palo.activities.tracking.TrackingActivitiesImpl;
import dev.palo.activities.translation.translate.ChatClients;
import dev.palo.activities.worker.PaloActivities;
import dev.palo.activities.worker.PaloWorkers;
import dev.palo.activities.worker.WorkerSettings;
import dev.palo.data.llava.LlavaJsonWriter;
import dev.palo.data.llava.LlavaRecord;
import dev.palo.data.llava.Turn;
import dev.palo.workflows.ArtifactRef;
import dev.palo.workflows.StageResult;
import dev.palo.workflows.TargetLanguage;
import dev.palo.workflows.TaskQueues;
import dev.palo.workflows.language.LanguageJob;
import dev.palo.workflows.language.LanguagePipelineWorkflow;
import dev.palo.workflows.language.LanguageResult;
import dev.palo.workflows.postedit.LowYieldAction;
import dev.palo.workflows.postedit.PostEditActivities;
import dev.palo.workflows.postedit.QaConfig;
import dev.palo.workflows.review.MissedQuorum;
import dev.palo.workflows.review.QuorumPolicy;
import dev.palo.workflows.review.ReviewActivities;
import dev.palo.workflows.review.ReviewConfig;
import dev.palo.workflows.review.ReviewState;
import dev.palo.workflows.review.ReviewerMode;
import dev.palo.workflows.translation.translate.TranslateActivities;
import dev.palo.workflows.translation.translate.TranslateConfig;
import dev.palo.workflows.translation.tune.OpenAiTune;
import dev.palo.workflows.translation.tune.TuneActivities;
import dev.palo.workflows.translation.tune.TuneConfig;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import io.temporal.worker.WorkerFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two languages on the servers of {@code ./palo up}, each through translate → post-edit → review (by the
 * simulated reviewer) → translator fine-tune (OpenAI backend, against a local fine-tuning server) →
 * re-translate with the tuned model → post-edit; chrF against the PALO-mini gold uploaded beside the
 * source is read back through MLflow's REST API on every translating stage's run.
 */
class TunePipelineIT {
    private static final String NAMESPACE = "palo-tune-it";
    private static final String EXPERIMENT = "palo-it";
    private static final Map<String, String> LANGUAGES = Map.of("ar", "Arabic", "hi", "Hindi");
    private static final int SAMPLES = 4;
    private static final int REVIEWED = 2;
    private static final Duration RUN_TIMEOUT = Duration.ofMinutes(2);
    private static final List<String> STAGES = List.of(TranslateActivities.STAGE, PostEditActivities.STAGE,
            ReviewActivities.STAGE, TuneActivities.STAGE, TranslateActivities.STAGE, PostEditActivities.STAGE);
    /** The tracking runs that must carry chrF: every stage whose output is a translation. */
    private static final List<String> MEASURED = List.of("translate", "post-edit", "retranslate",
            "retranslate-post-edit");

    @TempDir
    Path work;
    @TempDir
    Path mini;

    /** Gold: the English with a language marker, aligned by id as PALO-mini's is. */
    private static List<Turn> gold(LlavaRecord english, String language) {
        return english.conversations().stream()
                .map(turn -> new Turn(turn.from(), turn.value().replace("shape", "gold-" + language + "-shape")))
                .toList();
    }

    /** A PALO-mini tree (manifest, English instructions, gold) on disk for the reviewer and in the store beside the source. */
    private ArtifactRef uploadMiniTree(MinioObjectStore store, String prefix, List<LlavaRecord> english)
            throws Exception {
        Files.createDirectories(mini.resolve("gold"));
        Files.createDirectories(mini.resolve("instruct"));
        Map<String, Object> sets = new LinkedHashMap<>();
        for (String language : LANGUAGES.keySet()) {
            sets.put(language, Map.of("source", "instruct/english.json", "gold", "gold/" + language + ".json"));
            try (LlavaJsonWriter gold = LlavaJsonWriter.create(mini.resolve("gold/" + language + ".json"))) {
                english.forEach(record -> gold.write(LlavaRecord.of(record.id(), record.image(), gold(record, language))));
            }
            store.put(prefix + "gold/" + language + ".json", mini.resolve("gold/" + language + ".json"),
                    "application/json", english.size());
        }
        Files.writeString(mini.resolve("manifest.json"),
                new ObjectMapper().writeValueAsString(Map.of("translation_sets", sets)));
        store.put(prefix + "manifest.json", mini.resolve("manifest.json"), "application/json", 0);
        Files.write(mini.resolve("instruct/english.json"), LlavaSamples.json(english));
        return store.put(prefix + "instruct/english.json", mini.resolve("instruct/english.json"), "application/json",
                english.size());
    }

    @Test
    void bothLanguagesAreTunedReTranslatedAndScoredAgainstGold() throws Exception {
        try (EmbeddedStack stack = EmbeddedStack.requireUp();
             FakeChatServer chat = new FakeChatServer();
             FakeFineTuningServer fineTuning = new FakeFineTuningServer()) {
            WorkflowClient client = stack.registeredNamespaceClient(NAMESPACE);
            MinioObjectStore store = stack.objectStore();
            WorkerFactory worker = PaloWorkers.start(client, List.of(TaskQueues.CPU, TaskQueues.GPU), WorkerSettings.TEMPORAL_DEFAULT_SLOTS,
                    PaloActivities.create(store, stack.tracker(),
                            new ChatClients(new ApiKeys(Map.of()), Duration.ofMillis(20), Duration.ofMillis(200)),
                            new WorkerSettings(stack.settings.temporalAddress(), NAMESPACE,
                                    List.of(TaskQueues.CPU, TaskQueues.GPU), EXPERIMENT, work.resolve("worker"),
                                    WorkerSettings.TEMPORAL_DEFAULT_SLOTS)));
            try {
                String nonce = UUID.randomUUID().toString();
                List<LlavaRecord> english = LlavaSamples.records(SAMPLES).stream()
                        .map(r -> LlavaRecord.of(nonce + "-" + r.id(), r.image(), r.conversations())).toList();
                ArtifactRef source = uploadMiniTree(store, "it/" + nonce + "/mini/", english);
                String runId = "it-tune-" + nonce;
                String trackingRunId = new TrackingActivitiesImpl(stack.tracker(), EXPERIMENT)
                        .startPipelineRun(runId, Map.of("test", "TunePipelineIT"));
                ReviewConfig review = new ReviewConfig(REVIEWED, List.of(), 11, RUN_TIMEOUT,
                        new QuorumPolicy(1, 0, false, MissedQuorum.FAIL), ReviewerMode.SIMULATED, Duration.ofMillis(20));
                TuneConfig tune = TuneConfig.openai(new OpenAiTune(fineTuning.baseUrl(), null, null, 2,
                        Duration.ofMillis(100)));

                Map<String, WorkflowStub> runs = new LinkedHashMap<>();
                for (Map.Entry<String, String> language : LANGUAGES.entrySet()) {
                    LanguagePipelineWorkflow workflow = client.newWorkflowStub(LanguagePipelineWorkflow.class,
                            WorkflowOptions.newBuilder().setTaskQueue(TaskQueues.CPU)
                                    .setWorkflowId(LanguagePipelineWorkflow.workflowId(runId, language.getKey()))
                                    .setWorkflowExecutionTimeout(RUN_TIMEOUT).build());
                    WorkflowClient.start(workflow::run, new LanguageJob(runId,
                            new TargetLanguage(language.getKey(), language.getValue()), source,
                            TranslateConfig.endpoint(chat.baseUrl(), "it-base-model").chunkSize(2).concurrency(3)
                                    .rateLimits(6_000, 1_000_000).maxAttempts(6).build(),
                            QaConfig.defaults().withFloor(0, LowYieldAction.FAIL), review, trackingRunId, List.of(), null, tune, source));
                    runs.put(language.getKey(), WorkflowStub.fromTyped(workflow));
                }
                ReviewClient reviews = new ReviewClient(client, store);
                SimulatedReviewer reviewer = new SimulatedReviewer(reviews, mini, review.simulatedDelay());
                for (String language : LANGUAGES.keySet()) {
                    awaitOpen(reviews, runId, language);
                    reviewer.review(runId, language);
                }

                MlflowRest mlflow = new MlflowRest(stack.mlflowUri);
                String experimentId = mlflow.experimentId(EXPERIMENT);
                for (Map.Entry<String, WorkflowStub> run : runs.entrySet()) {
                    String code = run.getKey();
                    LanguageResult result = run.getValue().getResult(RUN_TIMEOUT.toSeconds(), TimeUnit.SECONDS,
                            LanguageResult.class);
                    assertEquals(STAGES, result.stages().stream().map(StageResult::stage).toList());
                    StageResult first = result.stages().get(0);
                    StageResult again = result.stages().get(4);
                    assertNotEquals(first.output().uri(), again.output().uri(), "the tuned model translates anew");
                    assertEquals(result.stages().get(5).output(), result.finalTranslation());
                    assertEquals((double) TrainingPairs.read(store, result.stages().get(2).output(), code).size(),
                            result.stages().get(3).metrics().get("pairs"), "the tune learnt from every reviewed turn");
                    for (String stage : MEASURED) {
                        List<JsonNode> stageRuns = mlflow.searchRuns(experimentId, "tags.`palo.parent` = '"
                                + trackingRunId + "' and tags.`palo.stage` = '" + stage + "' and tags.`palo.language` = '"
                                + code + "'");
                        assertEquals(1, stageRuns.size(), stage + " " + code + " runs: " + stageRuns);
                        String chrf = metric(stageRuns.get(0), "chrf");
                        assertTrue(chrf != null && Double.parseDouble(chrf) > 0, stage + " " + code + " chrf " + chrf);
                    }
                }
                assertEquals(LANGUAGES.size(), fineTuning.count("POST /v1/files"), "one training file per language");
                assertEquals(LANGUAGES.size(), fineTuning.count("POST /v1/fine_tuning/jobs"), "one job per language");
                // the translation cache sends each distinct text once per language and translator
                assertTrue(chat.models.stream().filter(model -> model.startsWith("ft:it-base-model:palo-")).count()
                        >= LlavaSamples.distinctTexts(english) * LANGUAGES.size(),
                        "every distinct text re-translated by a tuned model");
            } finally {
                worker.shutdown();
                worker.awaitTermination(10, TimeUnit.SECONDS);
            }
        }
    }

    private static String metric(JsonNode run, String key) {
        for (JsonNode metric : run.path("data").path("metrics")) {
            if (key.equals(metric.path("key").asText())) {
                return metric.path("value").asText();
            }
        }
        return null;
    }

    private static void awaitOpen(ReviewClient reviews, String runId, String language) throws InterruptedException {
        long deadline = System.nanoTime() + RUN_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            try {
                if (reviews.status(runId, language).state() == ReviewState.OPEN) {
                    return;
                }
            } catch (RuntimeException notStartedYet) {
                // the workflow or its review stage is not there yet
            }
            Thread.sleep(200);
        }
        throw new AssertionError("the " + language + " review of " + runId + " did not open within " + RUN_TIMEOUT);
    }
}
