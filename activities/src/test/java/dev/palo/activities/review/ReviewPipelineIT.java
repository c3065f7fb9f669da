package dev.palo.activities.review;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.palo.activities.support.LlavaSamples;
import dev.palo.activities.support.MlflowRest;
import dev.palo.activities.support.PipelineHarness;
import dev.palo.data.llava.LlavaJsonReader;
import dev.palo.data.llava.LlavaJsonWriter;
import dev.palo.data.llava.LlavaRecord;
import dev.palo.data.llava.Turn;
import dev.palo.workflows.ArtifactRef;
import dev.palo.workflows.StageResult;
import dev.palo.workflows.TaskQueues;
import dev.palo.workflows.language.LanguageResult;
import dev.palo.workflows.pipeline.PaloPipelineWorkflow;
import dev.palo.workflows.pipeline.PipelineResult;
import dev.palo.workflows.pipeline.PipelineSpec;
import dev.palo.workflows.postedit.LowYieldAction;
import dev.palo.workflows.postedit.QaConfig;
import dev.palo.workflows.review.MissedQuorum;
import dev.palo.workflows.review.QuorumPolicy;
import dev.palo.workflows.review.ReviewActivities;
import dev.palo.workflows.review.ReviewConfig;
import dev.palo.workflows.review.ReviewDecision;
import dev.palo.workflows.review.ReviewReceipt;
import dev.palo.workflows.review.ReviewState;
import dev.palo.workflows.review.ReviewVerdict;
import dev.palo.workflows.review.ReviewerMode;
import dev.palo.workflows.translation.translate.TranslateConfig;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A two-language pipeline on the real servers of {@code ./palo up} whose review is done by the
 * simulated reviewer through {@link ReviewClient}: corrections versioned in the S3 store, corrected
 * pairs holding the gold text, review metrics and the simulated label in MLflow.
 */
class ReviewPipelineIT {
    private static final List<String> LANGUAGES = List.of("ar", "hi");
    private static final int SAMPLES = 5;
    private static final int REVIEWED = 3;
    private static final Duration OPEN_TIMEOUT = Duration.ofMinutes(2);

    @TempDir
    static Path work;
    @TempDir
    static Path mini;
    private static PipelineHarness harness;

    @BeforeAll
    static void start() throws Exception {
        harness = PipelineHarness.start(work, Map.of());
    }

    @AfterAll
    static void stop() {
        if (harness != null) {
            harness.close();
        }
    }

    /** The gold text of a record: its English with a language marker, as PALO-mini's gold is aligned by id. */
    private static List<Turn> gold(LlavaRecord english, String language) {
        return english.conversations().stream()
                .map(turn -> new Turn(turn.from(), turn.value().replace("shape", "gold-" + language + "-shape")))
                .toList();
    }

    /** The parts of a PALO-mini tree the simulated reviewer reads: the manifest's gold pointers and gold files. */
    private static void writeMiniTree(List<LlavaRecord> english) throws Exception {
        Files.createDirectories(mini.resolve("gold"));
        Map<String, Object> sets = new HashMap<>();
        for (String language : LANGUAGES) {
            sets.put(language, Map.of("gold", "gold/" + language + ".json"));
            try (LlavaJsonWriter gold = LlavaJsonWriter.create(mini.resolve("gold/" + language + ".json"))) {
                for (LlavaRecord record : english) {
                    gold.write(LlavaRecord.of(record.id(), record.image(), gold(record, language)));
                }
            }
        }
        Files.writeString(mini.resolve("manifest.json"),
                new ObjectMapper().writeValueAsString(Map.of("translation_sets", sets)));
    }

    @Test
    void theSimulatedReviewerCorrectsBothLanguagesThroughTheClient() throws Exception {
        String nonce = UUID.randomUUID().toString();
        List<LlavaRecord> english = LlavaSamples.records(SAMPLES).stream()
                .map(r -> LlavaRecord.of(nonce + "-" + r.id(), r.image(), r.conversations())).toList();
        ArtifactRef source = harness.store().put("it/" + nonce + "/english.json", LlavaSamples.json(english),
                "application/json", SAMPLES);
        writeMiniTree(english);
        ReviewConfig review = new ReviewConfig(REVIEWED, List.of(80), 11, OPEN_TIMEOUT,
                new QuorumPolicy(1, 0, false, MissedQuorum.FAIL), ReviewerMode.SIMULATED, Duration.ofMillis(50));
        String runId = "it-review-" + nonce;
        PaloPipelineWorkflow pipeline = harness.client().newWorkflowStub(PaloPipelineWorkflow.class, WorkflowOptions.newBuilder()
                .setWorkflowId(runId).setTaskQueue(TaskQueues.CPU)
                .setWorkflowExecutionTimeout(Duration.ofMinutes(5)).build());
        WorkflowClient.start(pipeline::run, new PipelineSpec(source, LANGUAGES,
                TranslateConfig.endpoint(harness.chat().baseUrl(), "it-model").chunkSize(2).concurrency(3)
                        .rateLimits(6_000, 1_000_000).maxAttempts(6).build(),
                QaConfig.defaults().withFloor(0, LowYieldAction.FAIL), review));

        ReviewClient reviews = new ReviewClient(harness.client(), harness.store());
        SimulatedReviewer reviewer = new SimulatedReviewer(reviews, mini, review.simulatedDelay());
        Map<String, String> twiceDecided = new HashMap<>();
        for (String language : LANGUAGES) {
            awaitOpen(reviews, runId, language);
            // a first decision that the simulated one then replaces as version 2
            String task = reviews.tasks(runId, language).get(0).taskId();
            reviews.submit(runId, new ReviewDecision(task, language, "it-reviewer", ReviewVerdict.ACCEPT, List.of()));
            twiceDecided.put(language, task);
            List<ReviewReceipt> receipts = reviewer.review(runId, language);
            assertEquals(REVIEWED, receipts.size());
            assertEquals(2, receipts.get(0).version());
        }
        PipelineResult result = WorkflowStub.fromTyped(pipeline).getResult(3, TimeUnit.MINUTES, PipelineResult.class);

        for (LanguageResult language : result.languages()) {
            String code = language.language();
            StageResult stage = language.stages().get(2);
            assertEquals(ReviewActivities.STAGE, stage.stage());
            assertEquals(stage.output(), harness.store().stat(key(stage.output())).orElseThrow());
            assertPairsAreGold(english, stage, code);
            String corrections = ReviewKeys.corrections(runId, code);
            String task = twiceDecided.get(code);
            assertTrue(harness.store().exists(corrections + task + "/v1.json"));
            assertTrue(harness.store().exists(corrections + task + "/v2.json"));
            assertEquals(REVIEWED + 1, harness.store().list(corrections).size(), "one version per decision");
            // after review, each language enters the PALO arm and stays out of the baseline
            assertTrue(result.paloDataset().metrics().containsKey("records." + code), result.paloDataset().toString());
            assertFalse(result.baselineDataset().metrics().containsKey("records." + code),
                    result.baselineDataset().toString());
        }
        assertTracked(result);
    }

    private static void awaitOpen(ReviewClient reviews, String runId, String language) throws InterruptedException {
        long deadline = System.nanoTime() + OPEN_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            try {
                if (reviews.status(runId, language).state() == ReviewState.OPEN) {
                    return;
                }
            } catch (NoSuchElementException childNotStartedYet) {
                // the language's workflow starts after the pipeline's first activities
            }
            Thread.sleep(100);
        }
        throw new AssertionError("the " + language + " review of " + runId + " did not open within " + OPEN_TIMEOUT);
    }

    private static String key(ArtifactRef ref) {
        return ref.uri().substring(("s3://" + harness.stack().s3.bucket() + "/").length());
    }

    private static void assertPairsAreGold(List<LlavaRecord> english, StageResult stage, String code) throws Exception {
        try (InputStream in = harness.store().open(stage.output());
             LlavaJsonReader reader = new LlavaJsonReader(in, stage.output().uri())) {
            List<LlavaRecord> pairs = reader.stream().toList();
            assertEquals(REVIEWED, pairs.size());
            for (LlavaRecord pair : pairs) {
                LlavaRecord source = english.stream().filter(r -> r.id().equals(pair.id())).findFirst().orElseThrow();
                assertEquals(gold(source, code), pair.conversations());
                assertEquals(source.conversations(), pair.englishConversations());
                assertEquals(code, pair.language());
            }
        }
    }

    private static void assertTracked(PipelineResult result) throws Exception {
        MlflowRest rest = new MlflowRest(harness.stack().mlflowUri);
        String experimentId = rest.experimentId(PipelineHarness.EXPERIMENT);
        List<JsonNode> reviews = rest.searchRuns(experimentId, "tags.mlflow.parentRunId = '"
                + result.trackingRunId() + "' AND tags.`palo.stage` = '" + ReviewActivities.STAGE + "'");
        assertEquals(LANGUAGES.size(), reviews.size());
        for (JsonNode run : reviews) {
            assertEquals("simulated", MlflowRest.tag(run, ReviewActivitiesImpl.MODE_TAG));
            assertEquals((double) REVIEWED, MlflowRest.metric(run, "review.decided"));
            assertEquals((double) REVIEWED, MlflowRest.metric(run, "review.correct"));
            assertEquals(1.0, MlflowRest.metric(run, "review.simulated"));
            assertEquals(1.0, MlflowRest.metric(run, "review.quorumMet"));
            assertEquals("FINISHED", run.path("info").path("status").asText());
            List<String> reports = rest.artifactPaths(run.path("info").path("run_id").asText(), "reports");
            assertTrue(reports.contains("reports/" + ReviewActivitiesImpl.REPORT), reports.toString());
        }
    }
}
