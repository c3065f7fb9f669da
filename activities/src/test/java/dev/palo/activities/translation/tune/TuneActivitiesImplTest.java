package dev.palo.activities.translation.tune;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.palo.activities.llm.ApiKeys;
import dev.palo.activities.support.InMemoryObjectStore;
import dev.palo.activities.support.LlavaSamples;
import dev.palo.activities.support.PostEditedSamples;
import dev.palo.activities.support.RecordingTracker;
import dev.palo.activities.translation.translate.TranslationPrompt;
import dev.palo.data.llava.LlavaRecord;
import dev.palo.model.translator.TranslationPair;
import dev.palo.workflows.ArtifactRef;
import dev.palo.workflows.FailureTypes;
import dev.palo.workflows.TargetLanguage;
import dev.palo.workflows.TaskQueues;
import dev.palo.workflows.translation.translate.TranslatorRef;
import dev.palo.workflows.translation.tune.LocalTune;
import dev.palo.workflows.translation.tune.OpenAiTune;
import dev.palo.workflows.translation.tune.TuneActivities;
import dev.palo.workflows.translation.tune.TuneConfig;
import dev.palo.workflows.translation.tune.TuneRequest;
import dev.palo.workflows.translation.tune.TuneResult;
import io.temporal.client.WorkflowOptions;
import io.temporal.failure.ActivityFailure;
import io.temporal.failure.ApplicationFailure;
import io.temporal.testing.TestActivityEnvironment;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.worker.Worker;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The tune stage's OpenAI backend against a local fine-tuning server that counts what it is asked. */
class TuneActivitiesImplTest {
    static final TargetLanguage ARABIC = new TargetLanguage("ar", "Arabic");
    private static final TranslatorRef BASE = TranslatorRef.openai("base-model");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String UPLOAD = "POST /v1/files";
    private static final String LIST_FILES = "GET /v1/files";
    private static final String CREATE = "POST /v1/fine_tuning/jobs";
    private static final String LIST_JOBS = "GET /v1/fine_tuning/jobs";
    /** Status requests that answer 503 until the client's retries of one poll are spent and the attempt fails. */
    private static final int FAILING_POLLS = 5;

    @TempDir
    Path work;
    private final InMemoryObjectStore store = new InMemoryObjectStore();
    private final RecordingTracker tracker = new RecordingTracker();
    private FakeFineTuningServer server;
    private TestActivityEnvironment env;
    private String run;

    @BeforeEach
    void start() throws IOException {
        server = new FakeFineTuningServer();
        env = activityEnvironment();
        run = tracker.findOrCreateRun("palo", "tune ar", Map.of("palo.stage", "tune"), null);
    }

    @AfterEach
    void stop() {
        env.close();
        server.close();
    }

    private TestActivityEnvironment activityEnvironment() {
        TestActivityEnvironment created = TestActivityEnvironment.newInstance();
        created.registerActivitiesImplementations(activities());
        return created;
    }

    private TuneActivitiesImpl activities() {
        return new TuneActivitiesImpl(store, tracker, new ApiKeys(Map.of()), Duration.ofMillis(1), Duration.ofMillis(5),
                work);
    }

    private ArtifactRef pairs(List<LlavaRecord> records) throws IOException {
        return store.put("runs/r/review/ar/pairs.json", LlavaSamples.json(records), "application/json", records.size());
    }

    private TuneRequest request(String runId, ArtifactRef pairs) {
        return new TuneRequest(runId, ARABIC, pairs, BASE, TuneConfig.openai(
                new OpenAiTune(server.baseUrl(), null, null, 3, Duration.ofMillis(10))), run);
    }

    private static TuneResult tune(TestActivityEnvironment env, TuneRequest request) {
        return env.newActivityStub(TuneActivities.class).tune(request);
    }

    private static String rootMessage(Throwable failure) {
        Throwable cause = failure;
        while (cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause instanceof ApplicationFailure app ? app.getType() + ": " + app.getOriginalMessage()
                : cause.getMessage();
    }

    @Test
    void theCorrectedPairsAreUploadedWithTheTranslatePromptAndTheJobPolledUntilItsModelExists() throws Exception {
        ArtifactRef pairs = pairs(PostEditedSamples.records(3, "ar"));

        TuneResult result = tune(env, request("run-a", pairs));

        assertEquals(1, server.uploads.size());
        List<String> lines = new String(server.uploads.get(0), StandardCharsets.UTF_8).lines().toList();
        List<TranslationPair> expected = TrainingPairs.read(store, pairs, "ar");
        assertEquals(expected.size(), lines.size());
        JsonNode first = JSON.readTree(lines.get(0)).path("messages");
        assertEquals(JSON.valueToTree(TranslationPrompt.messages("Arabic", expected.get(0).source())),
                JSON.valueToTree(List.of(first.get(0), first.get(1))));
        assertEquals("assistant", first.get(2).path("role").asText());
        assertEquals(expected.get(0).target(), first.get(2).path("content").asText());

        JsonNode job = server.createdJobs.get(0);
        assertEquals("base-model", job.path("model").asText());
        assertEquals(3, job.path("hyperparameters").path("n_epochs").asInt());
        assertEquals(TranslatorRef.openai("ft:base-model:" + job.path("suffix").asText() + ":"
                + server.jobIds.get(0)), result.translator());
        assertTrue(job.path("suffix").asText().startsWith("palo-ar-"));
        assertEquals(result.translator(), JSON.readValue(store.bytes(result.stage().output()), TranslatorRef.class));
        assertEquals((double) expected.size(), result.stage().metrics().get("pairs"));
        assertFalse(result.stage().cacheHit());
    }

    @Test
    void theSamePairsAndSettingsInAnotherRunReuseTheTunedModelWithoutAnyRequest() throws Exception {
        ArtifactRef pairs = pairs(PostEditedSamples.records(3, "ar"));
        TuneResult first = tune(env, request("run-a", pairs));
        int served = served();

        TuneResult again = tune(env, request("run-b", pairs));

        assertEquals(first.translator(), again.translator());
        assertTrue(again.stage().cacheHit());
        assertEquals(served, served());
    }

    private int served() {
        return server.requests.values().stream().mapToInt(AtomicInteger::get).sum();
    }

    @Test
    void aRetryCarryingTheJobInItsHeartbeatPollsThatJobAndLooksNothingUp() throws Exception {
        ArtifactRef pairs = pairs(PostEditedSamples.records(2, "ar"));
        server.unavailableForPolls(FAILING_POLLS);
        assertThrows(ActivityFailure.class, () -> tune(env, request("run-a", pairs)));
        int listed = server.count(LIST_FILES) + server.count(LIST_JOBS);

        TestActivityEnvironment retry = activityEnvironment();
        try {
            retry.setHeartbeatDetails(new OpenAiTuneProgress(server.createdJobs.get(0).path("training_file").asText(),
                    server.jobIds.get(0)));
            TuneResult resumed = tune(retry, request("run-a", pairs));

            assertTrue(resumed.translator().model().endsWith(":" + server.jobIds.get(0)));
            assertEquals(1, server.count(UPLOAD));
            assertEquals(1, server.count(CREATE));
            assertEquals(listed, server.count(LIST_FILES) + server.count(LIST_JOBS));
        } finally {
            retry.close();
        }
    }

    @Test
    void aRetryWhoseHeartbeatNeverArrivedFindsTheFileAndJobOnTheServer() throws Exception {
        ArtifactRef pairs = pairs(PostEditedSamples.records(2, "ar"));
        server.unavailableForPolls(FAILING_POLLS);
        assertThrows(ActivityFailure.class, () -> tune(env, request("run-a", pairs)));

        TestActivityEnvironment retry = activityEnvironment();
        try {
            TuneResult resumed = tune(retry, request("run-a", pairs));

            assertTrue(resumed.translator().model().endsWith(":" + server.jobIds.get(0)));
            assertEquals(1, server.count(UPLOAD));
            assertEquals(1, server.count(CREATE));
        } finally {
            retry.close();
        }
    }

    @Test
    void temporalRetriesAFailedPollAndTheRetryResumesTheSameJob() throws Exception {
        ArtifactRef pairs = pairs(PostEditedSamples.records(2, "ar"));
        server.unavailableForPolls(FAILING_POLLS);
        try (TestWorkflowEnvironment workflows = TestWorkflowEnvironment.newInstance()) {
            Worker worker = workflows.newWorker(TaskQueues.CPU);
            worker.registerWorkflowImplementationTypes(TuneOnceWorkflowImpl.class);
            worker.registerActivitiesImplementations(activities());
            workflows.start();

            TuneResult result = workflows.getWorkflowClient().newWorkflowStub(TuneOnceWorkflow.class,
                    WorkflowOptions.newBuilder().setTaskQueue(TaskQueues.CPU).setWorkflowId("tune-retry").build())
                    .run(request("run-a", pairs));

            assertTrue(result.translator().model().endsWith(":" + server.jobIds.get(0)));
            assertEquals(1, server.count(UPLOAD), "one training file, whatever the attempts");
            assertEquals(1, server.count(CREATE), "one fine-tuning job, whatever the attempts");
            assertTrue(server.count("GET /v1/fine_tuning/jobs/" + server.jobIds.get(0)) > FAILING_POLLS,
                    "the retry polled the job the failed attempt created");
        }
    }

    @Test
    void aFailedJobFailsTheStageForGoodWithTheServersReason() throws Exception {
        ArtifactRef pairs = pairs(PostEditedSamples.records(2, "ar"));
        server.failJobsWith("training file has too few examples");

        ActivityFailure failure = assertThrows(ActivityFailure.class, () -> tune(env, request("run-a", pairs)));

        String message = rootMessage(failure);
        assertTrue(message.startsWith(OpenAiTuner.FAILED + ": "), message);
        assertTrue(message.contains(server.jobIds.get(0)) && message.contains("training file has too few examples"),
                message);
        assertTrue(((ApplicationFailure) failure.getCause()).isNonRetryable());
    }

    @Test
    void withoutAnyPairTheBaseTranslatorIsTheResultAndNothingIsAsked() throws Exception {
        TuneResult result = tune(env, request("run-a", pairs(List.of())));

        assertEquals(BASE, result.translator());
        assertEquals(0.0, result.stage().metrics().get("pairs"));
        assertEquals(0, served());
    }

    @Test
    void aBaseTranslatorWithoutSettingsForItsBackendIsRefused() throws Exception {
        ArtifactRef pairs = pairs(PostEditedSamples.records(1, "ar"));
        TuneRequest openAiBaseLocalSettings = new TuneRequest("run-a", ARABIC, pairs, BASE,
                TuneConfig.local(LocalTune.defaults()), run);

        ActivityFailure failure = assertThrows(ActivityFailure.class, () -> tune(env, openAiBaseLocalSettings));

        assertEquals(FailureTypes.INVALID_INPUT + ": tune settings have no openai settings for translator base-model",
                rootMessage(failure));
    }
}
