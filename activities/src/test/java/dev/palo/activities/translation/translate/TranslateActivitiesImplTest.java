package dev.palo.activities.translation.translate;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.palo.activities.llm.ApiKeys;
import dev.palo.activities.llm.SecretBindings;
import dev.palo.activities.support.FakeChatServer;
import dev.palo.activities.support.InMemoryObjectStore;
import dev.palo.activities.support.LlavaSamples;
import dev.palo.activities.support.RecordingTracker;
import dev.palo.data.llava.LlavaJsonReader;
import dev.palo.data.llava.LlavaRecord;
import dev.palo.data.llava.Turn;
import dev.palo.workflows.ArtifactRef;
import dev.palo.workflows.FailureTypes;
import dev.palo.workflows.StageResult;
import dev.palo.workflows.TargetLanguage;
import dev.palo.workflows.translation.translate.TranslateActivities;
import dev.palo.workflows.translation.translate.TranslateConfig;
import dev.palo.workflows.translation.translate.TranslateRequest;
import dev.palo.workflows.translation.translate.TranslatorRef;
import io.temporal.activity.ActivityOptions;
import io.temporal.common.RetryOptions;
import io.temporal.failure.ActivityFailure;
import io.temporal.failure.ApplicationFailure;
import io.temporal.testing.TestActivityEnvironment;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TranslateActivitiesImplTest {
    private static final TargetLanguage ARABIC = new TargetLanguage("ar", "Arabic");
    private static final int SAMPLES = 7;
    private static final int CHUNK = 3;

    @TempDir
    Path work;
    private final FakeChatServer server = new FakeChatServer();
    private final RecordingTracker tracker = new RecordingTracker();
    private final List<TestActivityEnvironment> environments = new ArrayList<>();

    TranslateActivitiesImplTest() throws Exception {
    }

    @AfterEach
    void stop() {
        environments.forEach(TestActivityEnvironment::close);
        server.close();
    }

    private TranslateConfig config(String secretName) {
        return TranslateConfig.endpoint(server.baseUrl(), "test-model").apiKeySecret(secretName).chunkSize(CHUNK)
                .concurrency(3).rateLimits(60_000, 10_000_000).maxAttempts(4).build();
    }

    private TestActivityEnvironment environment(InMemoryObjectStore store, Map<String, String> env) {
        TestActivityEnvironment environment = TestActivityEnvironment.newInstance();
        environment.registerActivitiesImplementations(new TranslateActivitiesImpl(store, tracker,
                new ChatClients(new ApiKeys(env), Duration.ofMillis(5), Duration.ofMillis(50)), work));
        environments.add(environment);
        return environment;
    }

    private static TranslateActivities stub(TestActivityEnvironment environment) {
        return environment.newActivityStub(TranslateActivities.class, ActivityOptions.newBuilder()
                .setStartToCloseTimeout(Duration.ofMinutes(1))
                .setRetryOptions(RetryOptions.newBuilder().setMaximumAttempts(1).build())
                .build());
    }

    private static TranslateRequest request(String runId, ArtifactRef source, TranslateConfig config) {
        return new TranslateRequest(runId, ARABIC, source, config, "stage-run");
    }

    private static ArtifactRef upload(InMemoryObjectStore store, byte[] content) {
        return store.put("inputs/english.json", content, "application/json", SAMPLES);
    }

    private static List<LlavaRecord> read(InMemoryObjectStore store, ArtifactRef ref) throws Exception {
        try (LlavaJsonReader reader = new LlavaJsonReader(new ByteArrayInputStream(store.bytes(ref)), ref.uri())) {
            return reader.stream().toList();
        }
    }

    @Test
    void translatesEveryTurnKeepingStructureRolesAndImagePlaceholders() throws Exception {
        InMemoryObjectStore store = new InMemoryObjectStore();
        List<LlavaRecord> english = LlavaSamples.records(SAMPLES);
        ArtifactRef source = upload(store, LlavaSamples.json(english));

        StageResult result = stub(environment(store, Map.of("PALO_SECRET_KEY", "sk-1",
                SecretBindings.BINDINGS, "KEY=" + server.baseUrl()))).translate(
                request("run-1", source, config("KEY")));

        List<LlavaRecord> translated = read(store, result.output());
        assertEquals(english.size(), translated.size());
        for (int i = 0; i < english.size(); i++) {
            LlavaRecord in = english.get(i);
            LlavaRecord out = translated.get(i);
            assertEquals(in.id(), out.id());
            assertEquals(in.image(), out.image());
            assertEquals(in.conversations(), out.englishConversations());
            assertEquals("ar", out.language());
            assertFalse(out.corrupt());
            for (int t = 0; t < in.conversations().size(); t++) {
                Turn source0 = in.conversations().get(t);
                Turn target = out.conversations().get(t);
                assertEquals(source0.from(), target.from());
                String text = source0.value().replace(Turn.IMAGE_TOKEN, "").strip();
                String expected = source0.value().replace(text, FakeChatServer.translation("Arabic", text));
                assertEquals(expected, target.value());
            }
        }
        assertEquals(SAMPLES, result.output().recordCount());
        assertEquals((double) SAMPLES, result.metrics().get("samples"));
        assertEquals(Math.ceil((double) SAMPLES / CHUNK), result.metrics().get("chunks"));
        assertEquals(List.of("Bearer sk-1"), server.authorizations.stream().distinct().toList());
    }

    @Test
    void resumesAfterTheLastCommittedChunkAndGivesTheSameBytes() throws Exception {
        byte[] englishJson = LlavaSamples.json(LlavaSamples.records(SAMPLES));
        InMemoryObjectStore uninterruptedStore = new InMemoryObjectStore();
        StageResult uninterrupted = stub(environment(uninterruptedStore, Map.of())).translate(
                request("run-1", upload(uninterruptedStore, englishJson), config(null)));
        int requestsForAll = server.requests();

        InMemoryObjectStore store = new InMemoryObjectStore();
        ArtifactRef source = upload(store, englishJson);
        tracker.failMetricsWhen(metric -> metric.step() == 1);
        TestActivityEnvironment crashing = environment(store, Map.of());
        AtomicInteger lastHeartbeat = new AtomicInteger(-1);
        crashing.setActivityHeartbeatListener(Integer.class, lastHeartbeat::set);
        assertThrows(ActivityFailure.class, () -> stub(crashing).translate(request("run-1", source, config(null))));
        // Heartbeats are throttled, so the last one sent may lag the store by a chunk or more.
        assertTrue(lastHeartbeat.get() >= 1 && lastHeartbeat.get() <= 2, "heartbeated " + lastHeartbeat.get());

        tracker.failMetricsWhen(metric -> false);
        int requestsBefore = server.requests();
        TestActivityEnvironment retry = environment(store, Map.of());
        retry.setHeartbeatDetails(lastHeartbeat.get());
        StageResult resumed = stub(retry).translate(request("run-1", source, config(null)));

        int turnsPerSample = 4;
        // answers of the failed attempt were kept in the translation cache: at most the last chunk is asked again
        assertTrue(server.requests() - requestsBefore <= (SAMPLES - 2 * CHUNK) * turnsPerSample,
                (server.requests() - requestsBefore) + " requests on resume");
        assertEquals(LlavaSamples.distinctTexts(LlavaSamples.records(SAMPLES)), requestsForAll,
                "each distinct text is sent once");
        assertEquals(uninterrupted.output().sha256(), resumed.output().sha256());
        assertArrayEquals(uninterruptedStore.bytes(uninterrupted.output()), store.bytes(resumed.output()));
    }

    @Test
    void aChunkOfQuickRequestsOutlastingTheHeartbeatPollHeartbeatsBeforeItCommits() {
        InMemoryObjectStore store = new InMemoryObjectStore();
        ArtifactRef source = upload(store, LlavaSamples.json(LlavaSamples.records(SAMPLES)));
        // one request at a time: a sample takes ~4 x 60 ms, under the 0.5 s poll of a 1 s heartbeat
        // timeout, while a chunk of 3 samples takes longer than that poll
        server.answerDelay(Duration.ofMillis(60));
        TestActivityEnvironment environment = environment(store, Map.of());
        List<Integer> heartbeats = new CopyOnWriteArrayList<>();
        environment.setActivityHeartbeatListener(Integer.class, heartbeats::add);
        TranslateActivities translate = environment.newActivityStub(TranslateActivities.class, ActivityOptions.newBuilder()
                .setStartToCloseTimeout(Duration.ofMinutes(1))
                .setHeartbeatTimeout(Duration.ofSeconds(1))
                .setRetryOptions(RetryOptions.newBuilder().setMaximumAttempts(1).build())
                .build());

        translate.translate(request("run-1", source,
                TranslateConfig.endpoint(server.baseUrl(), "test-model").chunkSize(CHUNK).concurrency(1)
                        .rateLimits(60_000, 10_000_000).maxAttempts(4).build()));

        assertFalse(heartbeats.isEmpty());
        assertEquals(0, heartbeats.get(0), "heartbeats " + heartbeats + ": none while the first chunk was in flight");
    }

    @Test
    void aRetryAfterCommitAndAnotherRunWithTheSameTranslatorRedoNothing() throws Exception {
        InMemoryObjectStore store = new InMemoryObjectStore();
        ArtifactRef source = upload(store, LlavaSamples.json(LlavaSamples.records(SAMPLES)));
        TranslateActivities translate = stub(environment(store, Map.of()));
        StageResult first = translate.translate(request("run-1", source, config(null)));
        int requests = server.requests();

        StageResult retried = translate.translate(request("run-1", source, config(null)));
        TranslateConfig rebatched = TranslateConfig.endpoint(server.baseUrl(), "test-model").chunkSize(2).concurrency(1)
                .rateLimits(100, 1000).maxAttempts(2).build();
        StageResult otherRun = translate.translate(request("run-2", source, rebatched));

        assertEquals(requests, server.requests());
        assertEquals(first, retried);
        assertTrue(otherRun.cacheHit());
        assertEquals(first.output(), otherRun.output());
        assertTrue(otherRun.manifest().uri().contains("/runs/run-2/translate/ar/"), otherRun.manifest().uri());
    }

    @Test
    void anotherModelIsNotACacheHit() {
        InMemoryObjectStore store = new InMemoryObjectStore();
        ArtifactRef source = upload(store, LlavaSamples.json(LlavaSamples.records(1)));
        TranslateActivities translate = stub(environment(store, Map.of()));
        translate.translate(request("run-1", source, config(null)));

        TranslateConfig otherModel = TranslateConfig.endpoint(server.baseUrl(), "other-model").chunkSize(CHUNK)
                .concurrency(3).rateLimits(60_000, 10_000_000).maxAttempts(4).build();
        StageResult other = translate.translate(request("run-2", source, otherModel));

        assertFalse(other.cacheHit());
    }

    @Test
    void theConfigsOwnChatModelNamedAsTranslatorIsTheSameTranslatorAsNone() {
        InMemoryObjectStore store = new InMemoryObjectStore();
        ArtifactRef source = upload(store, LlavaSamples.json(LlavaSamples.records(2)));
        TranslateActivities translate = stub(environment(store, Map.of()));
        StageResult implicit = translate.translate(request("run-1", source, config(null)));

        StageResult named = translate.translate(new TranslateRequest("run-2", ARABIC, source, config(null),
                "stage-run", TranslatorRef.openai("test-model")));

        assertTrue(named.cacheHit(), "the cache key of a request without translator must not change");
        assertEquals(implicit.output(), named.output());
    }

    @Test
    void aTunedChatModelIsSentInEveryRequestAndIsItsOwnCacheEntry() throws Exception {
        InMemoryObjectStore store = new InMemoryObjectStore();
        List<LlavaRecord> english = LlavaSamples.records(SAMPLES);
        ArtifactRef source = upload(store, LlavaSamples.json(english));
        TranslateActivities translate = stub(environment(store, Map.of()));
        StageResult base = translate.translate(request("run-1", source, config(null)));
        server.models.clear();

        StageResult tuned = translate.translate(new TranslateRequest("run-1", ARABIC, source, config(null),
                "stage-run", TranslatorRef.openai("ft:test-model:tuned")));

        assertFalse(tuned.cacheHit());
        assertFalse(tuned.output().uri().equals(base.output().uri()), "a retranslation of the same run and "
                + "language lands beside the first translation, not over it: " + tuned.output().uri());
        assertEquals(List.of("ft:test-model:tuned"), server.models.stream().distinct().toList());
        assertEquals(LlavaSamples.distinctTexts(english), server.models.size(),
                "the tuned model's translations are cached apart from the base model's");
        assertEquals(english.size(), read(store, tuned.output()).size());
    }

    @Test
    void malformedInputFailsWithoutRetryNamingTheFile() {
        InMemoryObjectStore store = new InMemoryObjectStore();
        ArtifactRef source = upload(store, "{\"not\":\"an array\"}".getBytes(StandardCharsets.UTF_8));

        ActivityFailure failure = assertThrows(ActivityFailure.class,
                () -> stub(environment(store, Map.of())).translate(request("run-1", source, config(null))));

        ApplicationFailure cause = assertInstanceOf(ApplicationFailure.class, failure.getCause());
        assertEquals(FailureTypes.INVALID_INPUT, cause.getType());
        assertTrue(cause.isNonRetryable());
        assertTrue(cause.getOriginalMessage().contains(source.uri()), cause.getOriginalMessage());
    }

    @Test
    void anEndpointThatRefusesFailsTheStageWithoutRetryAndWithItsAnswer() {
        InMemoryObjectStore store = new InMemoryObjectStore();
        ArtifactRef source = upload(store, LlavaSamples.json(LlavaSamples.records(SAMPLES)));
        server.answerAlways(401);

        ActivityFailure failure = assertThrows(ActivityFailure.class,
                () -> stub(environment(store, Map.of())).translate(request("run-1", source, config(null))));

        ApplicationFailure cause = assertInstanceOf(ApplicationFailure.class, failure.getCause());
        assertEquals(FailureTypes.INVALID_INPUT, cause.getType());
        assertTrue(cause.isNonRetryable());
        assertTrue(cause.getOriginalMessage().contains("HTTP 401"), cause.getOriginalMessage());
        assertTrue(store.list("runs/run-1/").stream().noneMatch(key -> key.contains("/chunks/")),
                "nothing committed: " + store.list("runs/run-1/"));
    }

    @Test
    void missingApiKeyFailsWithoutRetryNamingTheSecretButNotItsValue() {
        InMemoryObjectStore store = new InMemoryObjectStore();
        ArtifactRef source = upload(store, LlavaSamples.json(LlavaSamples.records(1)));

        ActivityFailure failure = assertThrows(ActivityFailure.class, () -> stub(environment(store,
                Map.of(ApiKeys.SECRETS_DIR, work.toString(), SecretBindings.BINDINGS, "NO_SUCH_KEY=" + server.baseUrl())))
                .translate(request("run-1", source, config("NO_SUCH_KEY"))));

        ApplicationFailure cause = assertInstanceOf(ApplicationFailure.class, failure.getCause());
        assertEquals(FailureTypes.MISSING_SECRET, cause.getType());
        assertTrue(cause.getOriginalMessage().contains("NO_SUCH_KEY"), cause.getOriginalMessage());
        assertEquals(0, server.requests());
    }

    @Test
    void aBoundSecretIsNeverSentToAnotherEndpoint() throws Exception {
        InMemoryObjectStore store = new InMemoryObjectStore();
        ArtifactRef source = upload(store, LlavaSamples.json(LlavaSamples.records(1)));
        try (FakeChatServer elsewhere = new FakeChatServer()) {
            Map<String, String> env = Map.of("PALO_SECRET_KEY", "sk-bound", SecretBindings.BINDINGS,
                    "KEY=" + server.baseUrl());
            TranslateConfig redirected = TranslateConfig.endpoint(elsewhere.baseUrl(), "test-model").apiKeySecret("KEY")
                    .chunkSize(CHUNK).concurrency(3).rateLimits(60_000, 10_000_000).maxAttempts(4).build();

            ActivityFailure failure = assertThrows(ActivityFailure.class,
                    () -> stub(environment(store, env)).translate(request("run-1", source, redirected)));

            ApplicationFailure cause = assertInstanceOf(ApplicationFailure.class, failure.getCause());
            assertEquals(FailureTypes.SECRET_NOT_ALLOWED, cause.getType());
            assertTrue(cause.isNonRetryable());
            assertFalse(cause.getOriginalMessage().contains("sk-bound"), cause.getOriginalMessage());
            assertEquals(0, elsewhere.requests());
        }
    }
}
