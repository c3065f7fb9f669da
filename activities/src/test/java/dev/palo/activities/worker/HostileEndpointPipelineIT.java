package dev.palo.activities.worker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.palo.activities.llm.ApiKeys;
import dev.palo.activities.llm.SecretBindings;
import dev.palo.activities.source.MiniSource;
import dev.palo.activities.source.MiniSourceRefs;
import dev.palo.activities.support.LlavaSamples;
import dev.palo.activities.support.MlflowRest;
import dev.palo.activities.support.PipelineHarness;
import dev.palo.data.lang.LanguageRegistry;
import dev.palo.data.llava.LlavaJsonReader;
import dev.palo.data.llava.LlavaRecord;
import dev.palo.data.mini.MiniSize;
import dev.palo.testing.HistoryText;
import dev.palo.testing.HostileChatServer.Failure;
import dev.palo.testing.HostileChatServer.OverCap;
import dev.palo.testing.HostileChatServer.Settings;
import dev.palo.testing.HostileChatServer;
import dev.palo.workflows.FailureTypes;
import dev.palo.workflows.StageResult;
import dev.palo.workflows.TaskQueues;
import dev.palo.workflows.dataset.DatasetConfig;
import dev.palo.workflows.language.LanguagePipelineWorkflow;
import dev.palo.workflows.language.LanguageResult;
import dev.palo.workflows.pipeline.PaloPipelineWorkflow;
import dev.palo.workflows.pipeline.PipelineResult;
import dev.palo.workflows.pipeline.PipelineSpec;
import dev.palo.workflows.postedit.LowYieldAction;
import dev.palo.workflows.postedit.QaConfig;
import dev.palo.workflows.review.ReviewConfig;
import dev.palo.workflows.translation.translate.TranslateActivities;
import dev.palo.workflows.translation.translate.TranslateConfig;
import io.temporal.client.WorkflowFailedException;
import io.temporal.client.WorkflowOptions;
import io.temporal.failure.ApplicationFailure;
import java.io.InputStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A two-language translate of PALO-mini {@code tiny} through the real pipeline (Temporal, the S3 store,
 * MLflow of {@code ./palo up}) against an endpoint that answers 429 beyond its cap, 500s, truncated
 * JSON and cut connections: every record comes through, every distinct text is sent once per
 * language, and the key bound to that endpoint never reaches another listener.
 */
class HostileEndpointPipelineIT {
    private static final String SECRET = "hostile-it-key";
    private static final String KEY = "sk-hostile-" + UUID.randomUUID();
    private static final List<String> LANGUAGES = List.of("fr", "ar");
    private static final Duration RUN_TIMEOUT = Duration.ofMinutes(5);

    @TempDir
    static Path work;
    private static HostileChatServer hostile;
    private static HostileChatServer elsewhere;
    private static PipelineHarness harness;
    private static MiniSourceRefs mini;

    @BeforeAll
    static void start() throws Exception {
        // 20 ms an answer, so the client's six requests wait on the endpoint far longer than it takes to
        // send the next: more than four are in flight on any machine (at 5 ms a CI run once saw none
        // over the cap). Retry-After 1 s, as a real endpoint would say: a 0 s retry meets the same full
        // slots at once and spends the chunk's retry budget within the answer's 20 ms.
        hostile = new HostileChatServer(new Settings(Duration.ofMillis(20), 4, OverCap.REJECT_429, "1", 0.10, 0.05,
                0.05));
        elsewhere = new HostileChatServer(Settings.fixedLatency(Duration.ofMillis(1), 4));
        harness = PipelineHarness.startWithEnvironment(work, Map.of(ApiKeys.ENV_PREFIX + SECRET, KEY,
                SecretBindings.BINDINGS, SECRET + "=" + hostile.baseUrl()));
        Path tree = MiniSource.generate(work.resolve("data"), MiniSize.TINY, 7, LANGUAGES);
        mini = MiniSource.upload(harness.store(), tree, work.resolve("directories"));
    }

    @AfterAll
    static void stop() {
        if (harness != null) {
            harness.close();
        }
        if (hostile != null) {
            hostile.close();
        }
        if (elsewhere != null) {
            elsewhere.close();
        }
    }

    private static PipelineSpec spec(String baseUrl) {
        // 6 clients on 4 slots: the endpoint answers 429 whenever all are taken
        return new PipelineSpec(mini.english(), LANGUAGES,
                TranslateConfig.endpoint(baseUrl, "hostile-model").apiKeySecret(SECRET).chunkSize(4).concurrency(6)
                        .rateLimits(600_000, 100_000_000).maxAttempts(3).build(),
                QaConfig.defaults().withFloor(0, LowYieldAction.FAIL), ReviewConfig.none(), DatasetConfig.defaults(),
                mini.imagePrefix());
    }

    private static PaloPipelineWorkflow pipeline(String runId) {
        return harness.client().newWorkflowStub(PaloPipelineWorkflow.class, WorkflowOptions.newBuilder()
                .setWorkflowId(runId).setTaskQueue(TaskQueues.CPU).setWorkflowExecutionTimeout(RUN_TIMEOUT).build());
    }

    @Test
    void everyRecordComesThroughAndEachDistinctTextIsSentOncePerLanguage() throws Exception {
        List<LlavaRecord> english = read(mini.english().uri(), mini.english());

        String runId = "it-hostile-" + UUID.randomUUID();
        PipelineResult result = pipeline(runId).run(spec(hostile.baseUrl()));

        for (LanguageResult language : result.languages()) {
            StageResult translate = language.stages().get(0);
            assertEquals(english.size(), translate.output().recordCount(), language.language());
            List<LlavaRecord> translated = read(translate.output().uri(), translate.output());
            assertEquals(english.stream().map(LlavaRecord::id).toList(),
                    translated.stream().map(LlavaRecord::id).toList());
        }
        long distinct = LlavaSamples.distinctTexts(english);
        Map<String, Integer> answered = hostile.answeredPerText();
        for (String code : LANGUAGES) {
            String prefix = LanguageRegistry.palo().get(code).name() + "|";
            Map<String, Integer> ofLanguage = answered.entrySet().stream().filter(e -> e.getKey().startsWith(prefix))
                    .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
            assertEquals(distinct, ofLanguage.size(), code + ": every distinct text");
            assertTrue(ofLanguage.values().stream().allMatch(n -> n == 1), code + ": a text answered twice");
        }
        assertTrue(distinct < english.stream().mapToLong(r -> r.conversations().size()).sum(),
                "PALO-mini repeats texts, so sending each once is a saving");
        for (Failure kind : Failure.values()) {
            assertTrue(hostile.failures(kind) > 0, kind + " injected");
        }
        assertTrue(hostile.rejected() > 0, "429s beyond the cap: at most " + hostile.maxInFlight() + " in flight of "
                + hostile.requests() + " requests");
        assertEquals(Set.of("Bearer " + KEY), hostile.authorizations());
        assertKeyNowhere(runId, result);
    }

    /** The key reached the endpoint, and nothing else: no workflow history, no MLflow param, tag or metric. */
    private static void assertKeyNowhere(String runId, PipelineResult result) throws Exception {
        List<String> workflows = new ArrayList<>(List.of(runId));
        LANGUAGES.forEach(code -> workflows.add(LanguagePipelineWorkflow.workflowId(runId, code)));
        for (String workflowId : workflows) {
            String history = HistoryText.withDecodedPayloads(harness.client().fetchHistory(workflowId).toJson(false));
            assertTrue(history.contains(SECRET), workflowId + ": the history names the secret");
            assertFalse(history.contains(KEY), workflowId + ": the key is in the history");
        }
        MlflowRest mlflow = new MlflowRest(harness.stack().mlflowUri);
        String experiment = mlflow.experimentId(PipelineHarness.EXPERIMENT);
        List<JsonNode> runs = mlflow.searchRuns(experiment, "tags.`palo.run` = '" + runId + "'");
        runs.addAll(mlflow.searchRuns(experiment, "tags.`palo.parent` = '" + result.trackingRunId() + "'"));
        assertTrue(runs.size() > 1, "the pipeline run and its stage runs");
        for (JsonNode run : runs) {
            assertFalse(run.toString().contains(KEY), "the key is in MLflow run " + run.path("info").path("run_id"));
        }
    }

    @Test
    void theBoundKeyIsNeverSentToAnotherListener() throws Exception {
        String runId = "it-hostile-elsewhere-" + UUID.randomUUID();
        assertThrows(WorkflowFailedException.class, () -> pipeline(runId).run(spec(elsewhere.baseUrl())));

        for (String code : LANGUAGES) {
            // the language pipeline failed at its translate stage, without retry
            WorkflowFailedException failed = assertThrows(WorkflowFailedException.class, () -> harness.client()
                    .newUntypedWorkflowStub(LanguagePipelineWorkflow.workflowId(runId, code))
                    .getResult(LanguageResult.class));
            ApplicationFailure failure = null;
            for (Throwable cause = failed; cause != null && failure == null; cause = cause.getCause()) {
                if (cause instanceof ApplicationFailure app && FailureTypes.SECRET_NOT_ALLOWED.equals(app.getType())) {
                    failure = app;
                }
            }
            assertTrue(failure != null, code + " failed with " + FailureTypes.SECRET_NOT_ALLOWED + ": " + failed);
            assertTrue(failure.getOriginalMessage().contains(SECRET), failure.getOriginalMessage());
            assertFalse(failure.getOriginalMessage().contains(KEY), failure.getOriginalMessage());
        }
        assertEquals(0, elsewhere.requests(), "the second listener received nothing");
        assertFailedStagesEndedTheirRuns(runId);
    }

    /** Each language's failed translate stage ended its MLflow run as FAILED, not left RUNNING. */
    private static void assertFailedStagesEndedTheirRuns(String runId) throws Exception {
        MlflowRest mlflow = new MlflowRest(harness.stack().mlflowUri);
        String experiment = mlflow.experimentId(PipelineHarness.EXPERIMENT);
        String pipelineRun = mlflow.searchRuns(experiment, "tags.`palo.run` = '" + runId + "'").get(0)
                .path("info").path("run_id").asText();
        List<JsonNode> translateRuns = mlflow.searchRuns(experiment, "tags.`palo.parent` = '" + pipelineRun + "'")
                .stream().filter(run -> TranslateActivities.STAGE.equals(MlflowRest.tag(run, "palo.stage"))).toList();
        assertEquals(LANGUAGES.size(), translateRuns.size(), "one translate run per language");
        for (JsonNode run : translateRuns) {
            assertEquals("FAILED", run.path("info").path("status").asText(), run.toString());
            assertTrue(run.path("info").path("end_time").asLong() > 0, run.toString());
        }
    }

    private static List<LlavaRecord> read(String uri, dev.palo.workflows.ArtifactRef ref) throws Exception {
        try (InputStream in = harness.store().open(ref); LlavaJsonReader reader = new LlavaJsonReader(in, uri)) {
            return reader.stream().toList();
        }
    }
}
