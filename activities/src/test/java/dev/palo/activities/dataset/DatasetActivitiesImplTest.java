package dev.palo.activities.dataset;

import static dev.palo.activities.dataset.DatasetFixtures.JSON;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.palo.activities.storage.Manifest;
import dev.palo.activities.storage.Sha256;
import dev.palo.activities.support.LlavaSamples;
import dev.palo.activities.support.RecordingTracker;
import dev.palo.data.llava.LlavaRecord;
import dev.palo.workflows.ArtifactRef;
import dev.palo.workflows.FailureTypes;
import dev.palo.workflows.StageResult;
import dev.palo.workflows.dataset.DatasetActivities;
import dev.palo.workflows.dataset.DatasetArm;
import dev.palo.workflows.dataset.DatasetBuildRequest;
import dev.palo.workflows.dataset.DatasetConfig;
import dev.palo.workflows.dataset.LanguageSet;
import dev.palo.workflows.progress.StageWork;
import io.temporal.activity.ActivityOptions;
import io.temporal.common.RetryOptions;
import io.temporal.failure.ActivityFailure;
import io.temporal.failure.ApplicationFailure;
import io.temporal.testing.TestActivityEnvironment;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.api.io.TempDir;

class DatasetActivitiesImplTest {
    private static final int SHARD_SIZE = 7;
    /** Tiny buckets: the fixtures' few KB spread over dozens of bucket files. */
    private static final long SMALL_BUCKETS = 512;
    private static final List<String> LANGUAGES = List.of("ar", "hi");

    @TempDir
    Path work;
    private final RecordingTracker tracker = new RecordingTracker();
    private final List<TestActivityEnvironment> environments = new ArrayList<>();
    private final List<StageWork> heartbeats = new java.util.concurrent.CopyOnWriteArrayList<>();
    private final List<LlavaRecord> english = DatasetFixtures.english();
    private final Map<String, List<LlavaRecord>> translations = LANGUAGES.stream().collect(
            Collectors.toMap(l -> l, l -> DatasetFixtures.translated(l, english)));

    @AfterEach
    void stop() {
        environments.forEach(TestActivityEnvironment::close);
    }

    private DatasetActivities stub(CountingObjectStore store, long bucketBytes) {
        TestActivityEnvironment environment = TestActivityEnvironment.newInstance();
        environment.setActivityHeartbeatListener(StageWork.class, heartbeats::add);
        environment.registerActivitiesImplementations(new DatasetActivitiesImpl(store, tracker, work, bucketBytes));
        environments.add(environment);
        return environment.newActivityStub(DatasetActivities.class, ActivityOptions.newBuilder()
                .setStartToCloseTimeout(Duration.ofMinutes(1))
                .setRetryOptions(RetryOptions.newBuilder().setMaximumAttempts(1).build())
                .build());
    }

    private DatasetBuildRequest request(CountingObjectStore store, String runId, DatasetArm arm, long seed) {
        ArtifactRef englishRef = store.objects.put("inputs/en.json", LlavaSamples.json(english), "application/json",
                english.size());
        List<LanguageSet> sets = new ArrayList<>();
        for (String language : LANGUAGES) {
            List<LlavaRecord> records = translations.get(language);
            ArtifactRef data = store.objects.put("inputs/" + language + ".json", LlavaSamples.json(records),
                    "application/json", records.size());
            ArtifactRef translator = store.objects.put("models/translator-" + language + ".safetensors",
                    ("weights " + language).getBytes(StandardCharsets.UTF_8), "application/octet-stream", 0);
            sets.add(new LanguageSet(language, data, List.of(translator)));
        }
        return new DatasetBuildRequest(runId, arm, new LanguageSet("en", englishRef, List.of()), sets,
                new DatasetConfig(seed, SHARD_SIZE), "stage-run");
    }

    private StageResult build(CountingObjectStore store, DatasetBuildRequest request, long bucketBytes) {
        return stub(store, bucketBytes).build(request);
    }

    private static List<String> keys(List<LlavaRecord> records) {
        return records.stream().map(r -> r.language() + "/" + r.id()).toList();
    }

    @Test
    void keepsEveryNonCorruptNonDuplicateRecordExactlyOnceAndCountsTheRest() throws Exception {
        CountingObjectStore store = new CountingObjectStore();
        StageResult result = build(store, request(store, "run-1", DatasetArm.PALO, 7), SMALL_BUCKETS);

        DatasetIndex index = DatasetFixtures.index(store, result);
        List<LlavaRecord> records = DatasetFixtures.records(store, index);
        List<String> expected = new ArrayList<>(DatasetFixtures.expectedKept("en", english));
        LANGUAGES.forEach(l -> expected.addAll(DatasetFixtures.expectedKept(l, translations.get(l))));
        assertEquals(expected.stream().sorted().toList(), keys(records).stream().sorted().toList());
        assertEquals(records.size(), index.records());
        assertEquals(records.size(), result.output().recordCount());
        assertTrue(records.stream().noneMatch(r -> Boolean.TRUE.equals(r.corrupt())));

        Map<String, List<LlavaRecord>> inputs = new HashMap<>(translations);
        inputs.put("en", english);
        for (Map.Entry<String, List<LlavaRecord>> input : inputs.entrySet()) {
            String language = input.getKey();
            long corrupt = DatasetFixtures.corrupt(input.getValue());
            long kept = DatasetFixtures.expectedKept(language, input.getValue()).size();
            LanguageCounts counts = index.languages().get(language);
            assertEquals(new LanguageCounts(input.getValue().size(), corrupt,
                    input.getValue().size() - corrupt - kept, kept), counts, language);
            assertEquals((double) kept, result.metrics().get("records." + language));
            assertEquals((double) corrupt, result.metrics().get("corrupt." + language));
        }
        assertTrue(index.languages().get("en").duplicates() > 0 && index.languages().get("ar").corrupt() > 0);
        // what the stage read: every input record, kept or left out
        assertEquals((double) inputs.values().stream().mapToLong(List::size).sum(), result.metrics().get("read"));

        Map<String, Long> sources = new TreeMap<>(records.stream().collect(Collectors.groupingBy(
                r -> r.image() == null ? "text-only" : r.image().substring(0, r.image().indexOf('/')),
                Collectors.counting())));
        assertEquals(sources, index.sources());
        sources.forEach((source, count) -> assertEquals((double) count, result.metrics().get("source." + source)));
    }

    @Test
    void theFirstHeartbeatCountsRecordsReadAgainstTheInputsRecordCounts() {
        CountingObjectStore store = new CountingObjectStore();
        build(store, request(store, "run-1", DatasetArm.PALO, 7), SMALL_BUCKETS);

        long inputs = english.size() + LANGUAGES.stream().mapToLong(l -> translations.get(l).size()).sum();
        // heartbeats are throttled: the first one is sent at once, the later ones (see DatasetBuilderProgressTest) not
        assertEquals(new StageWork("palo", 0, inputs, "records read", Map.of()), heartbeats.get(0));
    }

    @Test
    void shardsAreLlavaJsonArraysWithTheirSizeDigestAndCountInTheIndex() throws Exception {
        CountingObjectStore store = new CountingObjectStore();
        StageResult result = build(store, request(store, "run-1", DatasetArm.PALO, 7), SMALL_BUCKETS);

        DatasetIndex index = DatasetFixtures.index(store, result);
        assertEquals((index.records() + SHARD_SIZE - 1) / SHARD_SIZE, index.shards().size());
        for (int i = 0; i < index.shards().size(); i++) {
            ArtifactRef shard = index.shards().get(i);
            byte[] bytes = store.bytes(shard);
            assertTrue(shard.uri().endsWith(String.format("/part-%05d.json", i)), shard.uri());
            assertEquals(Sha256.of(bytes), shard.sha256());
            assertEquals(bytes.length, shard.size());
            JsonNode array = JSON.readTree(bytes);
            assertTrue(array.isArray(), "a shard is one JSON array, as LLaVA's json.load expects");
            assertEquals(array.size(), shard.recordCount());
            assertTrue(array.size() == SHARD_SIZE || i == index.shards().size() - 1);
        }
        assertEquals(index.shards().stream().mapToLong(ArtifactRef::recordCount).sum(), index.records());
    }

    @Test
    void theSameSeedGivesTheSameBytesWhateverTheBucketsAndAnotherSeedAnotherOrder() throws Exception {
        CountingObjectStore manyBuckets = new CountingObjectStore();
        CountingObjectStore oneBucket = new CountingObjectStore();
        CountingObjectStore otherSeed = new CountingObjectStore();
        DatasetIndex first = DatasetFixtures.index(manyBuckets,
                build(manyBuckets, request(manyBuckets, "run-1", DatasetArm.PALO, 7), SMALL_BUCKETS));
        DatasetIndex second = DatasetFixtures.index(oneBucket,
                build(oneBucket, request(oneBucket, "run-1", DatasetArm.PALO, 7), DatasetBuilder.DEFAULT_BUCKET_BYTES));
        DatasetIndex reseeded = DatasetFixtures.index(otherSeed,
                build(otherSeed, request(otherSeed, "run-1", DatasetArm.PALO, 8), SMALL_BUCKETS));

        assertEquals(first.shards().size(), second.shards().size());
        for (int i = 0; i < first.shards().size(); i++) {
            assertArrayEquals(manyBuckets.bytes(first.shards().get(i)), oneBucket.bytes(second.shards().get(i)));
        }
        List<String> order = keys(DatasetFixtures.records(manyBuckets, first));
        List<String> reseededOrder = keys(DatasetFixtures.records(otherSeed, reseeded));
        assertNotEquals(order, reseededOrder);
        assertEquals(order.stream().sorted().toList(), reseededOrder.stream().sorted().toList());
        assertNotEquals(order.stream().sorted().toList(), order, "the records are shuffled");
    }

    @Test
    void aRetryWithACompleteManifestReturnsItWithoutWritingAndAnotherRunIsACacheHit() throws Exception {
        CountingObjectStore store = new CountingObjectStore();
        DatasetActivities activities = stub(store, SMALL_BUCKETS);
        StageResult first = activities.build(request(store, "run-1", DatasetArm.PALO, 7));
        int puts = store.puts.get();

        StageResult retried = activities.build(request(store, "run-1", DatasetArm.PALO, 7));

        assertEquals(first, retried);
        assertEquals(puts, store.puts.get(), "a retry after the manifest writes nothing");
        StageResult otherRun = activities.build(request(store, "run-2", DatasetArm.PALO, 7));
        assertTrue(otherRun.cacheHit());
        assertEquals(first.output(), otherRun.output());
        assertEquals(puts + 1, store.puts.get(), "another run writes only its own manifest");
    }

    @Test
    void aRetryAfterACrashKeepsTheUploadedShardsAndGivesTheSameDataset() throws Exception {
        CountingObjectStore uninterrupted = new CountingObjectStore();
        DatasetIndex expected = DatasetFixtures.index(uninterrupted,
                build(uninterrupted, request(uninterrupted, "run-1", DatasetArm.PALO, 7), SMALL_BUCKETS));

        CountingObjectStore store = new CountingObjectStore();
        DatasetBuildRequest request = request(store, "run-1", DatasetArm.PALO, 7);
        store.failPutOf(key -> key.endsWith("part-00002.json"));
        assertThrows(ActivityFailure.class, () -> build(store, request, SMALL_BUCKETS));
        store.failPutOf(key -> false);
        StageResult resumed = build(store, request, SMALL_BUCKETS);

        assertEquals(2.0, resumed.metrics().get("shards.reused"));
        DatasetIndex index = DatasetFixtures.index(store, resumed);
        assertEquals(expected.shards().stream().map(ArtifactRef::sha256).toList(),
                index.shards().stream().map(ArtifactRef::sha256).toList());
    }

    @Test
    void theIndexRecordsLineageToEveryInputAndModelAndGoesToTracking() throws Exception {
        CountingObjectStore store = new CountingObjectStore();
        DatasetBuildRequest request = request(store, "run-1", DatasetArm.PALO, 7);
        StageResult result = build(store, request, SMALL_BUCKETS);

        DatasetIndex index = DatasetFixtures.index(store, result);
        assertEquals(Stream.concat(Stream.of(request.english()), request.translations().stream()).toList(),
                index.inputs());
        assertEquals(request.english().data(), JSON.readValue(store.bytes(result.manifest()),
                Manifest.class).input());
        assertEquals("dataset-build", result.stage());
        assertEquals("palo", result.language());
        assertTrue(result.manifest().uri().endsWith("/manifest.json"));
        assertTrue(result.manifest().uri().contains("/runs/run-1/dataset-build/palo/"), result.manifest().uri());
        assertArrayEquals(store.bytes(result.output()), tracker.artifacts.get("stage-run/reports/dataset.json"));
    }

    @Test
    void theBaselineArmReadsEnglishOnly() throws Exception {
        CountingObjectStore store = new CountingObjectStore();
        StageResult result = build(store, request(store, "run-1", DatasetArm.BASELINE, 7), SMALL_BUCKETS);

        DatasetIndex index = DatasetFixtures.index(store, result);
        assertEquals(List.of("en"), List.copyOf(index.languages().keySet()));
        assertEquals(DatasetFixtures.expectedKept("en", english).stream().sorted().toList(),
                keys(DatasetFixtures.records(store, index)).stream().sorted().toList());
        assertTrue(result.manifest().uri().contains("/dataset-build/baseline/"), result.manifest().uri());
    }

    @Test
    void aRecordLabelledWithAnotherLanguageFailsWithoutRetryNamingTheInput() {
        CountingObjectStore store = new CountingObjectStore();
        DatasetBuildRequest request = request(store, "run-1", DatasetArm.PALO, 7);
        List<LlavaRecord> mislabelled = DatasetFixtures.translated("fr", english);
        ArtifactRef data = store.objects.put("inputs/ar.json", LlavaSamples.json(mislabelled), "application/json",
                mislabelled.size());
        DatasetBuildRequest wrong = new DatasetBuildRequest("run-1", DatasetArm.PALO, request.english(),
                List.of(new LanguageSet("ar", data, List.of())), request.config(), "stage-run");

        ApplicationFailure cause = invalidInput(() -> build(store, wrong, SMALL_BUCKETS));
        assertTrue(cause.getOriginalMessage().contains(data.uri()), cause.getOriginalMessage());
        assertTrue(cause.getOriginalMessage().contains("'fr'"), cause.getOriginalMessage());
    }

    @Test
    void aPaloArmWithoutTranslationsOrWithARepeatedLanguageFailsWithoutRetry() {
        CountingObjectStore store = new CountingObjectStore();
        DatasetBuildRequest request = request(store, "run-1", DatasetArm.PALO, 7);
        DatasetBuildRequest noTranslations = new DatasetBuildRequest("run-1", DatasetArm.PALO, request.english(),
                List.of(), request.config(), "stage-run");
        DatasetBuildRequest repeated = new DatasetBuildRequest("run-1", DatasetArm.PALO, request.english(),
                List.of(request.translations().get(0), request.translations().get(0)), request.config(), "stage-run");

        assertTrue(invalidInput(() -> build(store, noTranslations, SMALL_BUCKETS)).getOriginalMessage()
                .contains("at least one translated set"));
        assertTrue(invalidInput(() -> build(store, repeated, SMALL_BUCKETS)).getOriginalMessage()
                .contains("'ar' has more than one set"));
        assertTrue(store.objects.list("runs/").isEmpty(), "nothing written for an invalid request");
    }

    private static ApplicationFailure invalidInput(Executable call) {
        ActivityFailure failure = assertThrows(ActivityFailure.class, call);
        ApplicationFailure cause = assertInstanceOf(ApplicationFailure.class, failure.getCause());
        assertEquals(FailureTypes.INVALID_INPUT, cause.getType());
        assertTrue(cause.isNonRetryable());
        return cause;
    }
}
