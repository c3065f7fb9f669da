package dev.palo.activities.translation.translate;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.palo.activities.llm.ApiKeys;
import dev.palo.activities.support.InMemoryObjectStore;
import dev.palo.activities.support.LlavaSamples;
import dev.palo.activities.support.RecordingTracker;
import dev.palo.activities.translation.base.TranslatorBundles;
import dev.palo.data.llava.LlavaJsonReader;
import dev.palo.data.llava.LlavaRecord;
import dev.palo.data.llava.Turn;
import dev.palo.model.translator.LocalTranslator;
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
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The translate stage on the local translator model: structure, determinism, resume, model cache, cache key. */
class TranslateLocalBackendTest {
    private static final TargetLanguage ARABIC = new TargetLanguage("ar", "Arabic");
    private static final TargetLanguage HINDI = new TargetLanguage("hi", "Hindi");
    private static final int SAMPLES = 5;
    private static final int CHUNK = 2;
    /** Not used by the local backend, but every request carries the pipeline's translate settings. */
    private static final TranslateConfig CONFIG = TranslateConfig.endpoint("http://127.0.0.1:9/v1", "unused")
            .chunkSize(CHUNK).concurrency(2).rateLimits(60, 1000).maxAttempts(1).build();

    private static LocalTranslator reference;

    @TempDir
    Path work;
    private final RecordingTracker tracker = new RecordingTracker();
    private final AtomicInteger loads = new AtomicInteger();
    private final List<TestActivityEnvironment> environments = new ArrayList<>();

    @BeforeAll
    static void loadTranslator() {
        reference = TinyTranslator.load();
    }

    @AfterAll
    static void closeTranslator() {
        reference.close();
    }

    @AfterEach
    void stop() {
        environments.forEach(TestActivityEnvironment::close);
    }

    /** A worker over {@code store}; its model loads are counted. */
    private TranslateActivities worker(InMemoryObjectStore store) {
        TranslatorBundles workerBundles = new TranslatorBundles(store, work.resolve("bundles"));
        LocalTranslators models = new LocalTranslators(ref -> {
            loads.incrementAndGet();
            return workerBundles.load(ref);
        });
        TestActivityEnvironment environment = TestActivityEnvironment.newInstance();
        environment.registerActivitiesImplementations(new TranslateActivitiesImpl(store, tracker,
                new ChatClients(new ApiKeys(Map.of()), Duration.ofMillis(5), Duration.ofMillis(50)), models, work));
        environments.add(environment);
        return stub(environment);
    }

    private static TranslateActivities stub(TestActivityEnvironment environment) {
        return environment.newActivityStub(TranslateActivities.class, ActivityOptions.newBuilder()
                .setStartToCloseTimeout(Duration.ofMinutes(2))
                .setRetryOptions(RetryOptions.newBuilder().setMaximumAttempts(1).build())
                .build());
    }

    /** A store holding the English source and the tiny translator's bundle. */
    private record Inputs(InMemoryObjectStore store, ArtifactRef source, ArtifactRef bundle) {
        TranslatorRef translator() {
            return TranslatorRef.local("tiny", bundle);
        }
    }

    private Inputs inputs(List<LlavaRecord> english) throws Exception {
        InMemoryObjectStore store = new InMemoryObjectStore();
        ArtifactRef source = store.put("inputs/english.json", LlavaSamples.json(english), "application/json",
                english.size());
        return new Inputs(store, source, upload(store, "translators/tiny", "test"));
    }

    private ArtifactRef upload(InMemoryObjectStore store, String keyPrefix, String stage) throws Exception {
        return new TranslatorBundles(store, work.resolve("upload-cache")).upload(keyPrefix, reference, stage);
    }

    private static TranslateRequest request(String runId, TargetLanguage language, Inputs inputs) {
        return new TranslateRequest(runId, language, inputs.source(), CONFIG, "stage-run", inputs.translator());
    }

    private static List<LlavaRecord> read(InMemoryObjectStore store, ArtifactRef ref) throws Exception {
        try (LlavaJsonReader reader = new LlavaJsonReader(new ByteArrayInputStream(store.bytes(ref)), ref.uri())) {
            return reader.stream().toList();
        }
    }

    @Test
    void translatesEveryPieceWithTheModelKeepingRolesOrderAndImagePlaceholders() throws Exception {
        List<LlavaRecord> english = LlavaSamples.records(SAMPLES);
        Inputs inputs = inputs(english);

        StageResult result = worker(inputs.store()).translate(request("run-1", ARABIC, inputs));

        List<LlavaRecord> translated = read(inputs.store(), result.output());
        assertEquals(english.size(), translated.size());
        for (int start = 0; start < english.size(); start += CHUNK) {
            List<LlavaRecord> chunk = english.subList(start, Math.min(english.size(), start + CHUNK));
            List<String> pieces = new ArrayList<>();
            chunk.forEach(r -> r.conversations().forEach(
                    turn -> pieces.addAll(PlaceholderPreservingTranslator.pieces(turn.value()))));
            Iterator<String> modelAnswers = reference.translate(pieces, "ar").iterator();
            for (int i = 0; i < chunk.size(); i++) {
                LlavaRecord in = chunk.get(i);
                LlavaRecord out = translated.get(start + i);
                assertEquals(in.id(), out.id());
                assertEquals(in.image(), out.image());
                assertEquals(in.conversations(), out.englishConversations());
                assertEquals("ar", out.language());
                assertEquals(in.conversations().size(), out.conversations().size());
                for (int t = 0; t < in.conversations().size(); t++) {
                    String source = in.conversations().get(t).value();
                    String target = out.conversations().get(t).value();
                    assertEquals(in.conversations().get(t).from(), out.conversations().get(t).from());
                    assertEquals(PlaceholderPreservingTranslator.reassemble(source, modelAnswers), target,
                            "the model's own answer for each piece, in place");
                    if (source.startsWith(Turn.IMAGE_TOKEN + "\n")) {
                        assertTrue(target.startsWith(Turn.IMAGE_TOKEN + "\n"), target);
                    }
                    if (source.endsWith("\n" + Turn.IMAGE_TOKEN)) {
                        assertTrue(target.endsWith("\n" + Turn.IMAGE_TOKEN), target);
                    }
                }
            }
            assertFalse(modelAnswers.hasNext());
        }
        assertEquals((double) SAMPLES, result.metrics().get("samples"));
        assertEquals(Math.ceil((double) SAMPLES / CHUNK), result.metrics().get("chunks"));
    }

    @Test
    void loadsTheModelOncePerWorkerForEveryChunkAttemptAndLanguage() throws Exception {
        Inputs inputs = inputs(LlavaSamples.records(SAMPLES));
        TranslateActivities translate = worker(inputs.store());

        translate.translate(request("run-1", ARABIC, inputs));
        translate.translate(request("run-1", HINDI, inputs));
        translate.translate(request("run-2", HINDI, inputs)); // a cache hit: no model needed

        assertEquals(1, loads.get(), "3 chunks x 2 languages, one load");
    }

    @Test
    void resumesAfterTheLastCommittedChunkWithTheSameBytes() throws Exception {
        List<LlavaRecord> english = LlavaSamples.records(SAMPLES);
        Inputs uninterruptedInputs = inputs(english);
        StageResult uninterrupted = worker(uninterruptedInputs.store()).translate(request("run-1", ARABIC,
                uninterruptedInputs));

        Inputs inputs = inputs(english);
        tracker.failMetricsWhen(metric -> metric.step() == 1);
        assertThrows(ActivityFailure.class, () -> worker(inputs.store()).translate(request("run-1", ARABIC, inputs)));
        tracker.failMetricsWhen(metric -> false);
        tracker.metrics.clear();
        StageResult resumed = worker(inputs.store()).translate(request("run-1", ARABIC, inputs));

        assertEquals(List.of(2L), tracker.metrics.stream().map(RecordingTracker.Metric::step).toList(),
                "only the chunk after the two committed ones is translated again");
        assertArrayEquals(uninterruptedInputs.store().bytes(uninterrupted.output()),
                inputs.store().bytes(resumed.output()));
    }

    @Test
    void theCacheKeyHoldsTheWeightsAndTheChunkSize() throws Exception {
        Inputs inputs = inputs(LlavaSamples.records(2));
        TranslateActivities translate = worker(inputs.store());
        StageResult first = translate.translate(request("run-1", ARABIC, inputs));
        ArtifactRef otherBundle = upload(inputs.store(), "translators/other", "another stage");

        StageResult sameBundle = translate.translate(request("run-2", ARABIC, inputs));
        StageResult otherWeights = translate.translate(new TranslateRequest("run-3", ARABIC, inputs.source(), CONFIG,
                "stage-run", TranslatorRef.local("tiny", otherBundle)));
        StageResult otherChunks = translate.translate(new TranslateRequest("run-4", ARABIC, inputs.source(),
                TranslateConfig.endpoint("http://127.0.0.1:9/v1", "unused").chunkSize(CHUNK + 1).concurrency(2)
                        .rateLimits(60, 1000).maxAttempts(1).build(), "stage-run",
                inputs.translator()));

        assertTrue(sameBundle.cacheHit());
        assertNotEquals(inputs.bundle().sha256(), otherBundle.sha256());
        assertFalse(otherWeights.cacheHit(), "another bundle is another translator");
        assertFalse(otherChunks.cacheHit(), "generation is batched per chunk");
        assertEquals(first.output().sha256(), otherWeights.output().sha256(), "same weights, same words");
    }

    @Test
    void aLanguageTheModelWasNotTrainedForFailsWithoutRetryNamingIt() throws Exception {
        Inputs inputs = inputs(LlavaSamples.records(1));

        ActivityFailure failure = assertThrows(ActivityFailure.class, () -> worker(inputs.store()).translate(
                request("run-1", new TargetLanguage("ur", "Urdu"), inputs)));

        ApplicationFailure cause = assertInstanceOf(ApplicationFailure.class, failure.getCause());
        assertEquals(FailureTypes.INVALID_INPUT, cause.getType());
        assertTrue(cause.isNonRetryable());
        assertTrue(cause.getOriginalMessage().contains("'ur'"), cause.getOriginalMessage());
    }
}
