package dev.palo.activities.validate;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.palo.activities.support.InMemoryObjectStore;
import dev.palo.activities.support.RecordingTracker;
import dev.palo.data.llava.LlavaJsonReader;
import dev.palo.data.llava.LlavaRecord;
import dev.palo.data.validate.RejectReason;
import dev.palo.workflows.ArtifactRef;
import dev.palo.workflows.FailureTypes;
import dev.palo.workflows.progress.StageWork;
import dev.palo.workflows.StageResult;
import dev.palo.workflows.validate.ValidateActivities;
import dev.palo.workflows.validate.ValidateRequest;
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
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ValidateActivitiesImplTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String IMAGES = "inputs/images/";
    private static final int GOOD = 5;

    @TempDir
    Path work;
    private final InMemoryObjectStore store = new InMemoryObjectStore();
    private final RecordingTracker tracker = new RecordingTracker();
    private TestActivityEnvironment environment;
    private final List<StageWork> heartbeats = new java.util.concurrent.CopyOnWriteArrayList<>();

    @AfterEach
    void stop() {
        environment.close();
    }

    private ValidateActivities stub() {
        environment = TestActivityEnvironment.newInstance();
        environment.setActivityHeartbeatListener(StageWork.class, heartbeats::add);
        environment.registerActivitiesImplementations(new ValidateActivitiesImpl(store, tracker, work));
        return environment.newActivityStub(ValidateActivities.class, ActivityOptions.newBuilder()
                .setStartToCloseTimeout(Duration.ofMinutes(1))
                .setRetryOptions(RetryOptions.newBuilder().setMaximumAttempts(1).build())
                .build());
    }

    private ArtifactRef upload(BadDataSource source) {
        source.images().forEach((path, bytes) -> store.put(IMAGES + path, bytes, "image/png", 0));
        return store.put("inputs/english.json", source.json(), "application/json", source.records());
    }

    @Test
    void quarantinesOneRecordPerReasonWithItsCountAndAcceptsExactlyTheGoodOnes() throws Exception {
        BadDataSource source = BadDataSource.create("", GOOD);
        ArtifactRef input = upload(source);

        StageResult result = stub().validate(new ValidateRequest("run-1", input, IMAGES, "stage-run"));

        assertEquals(ValidateActivities.STAGE, result.stage());
        assertFalse(result.cacheHit());
        assertEquals(source.good(), accepted(result.output()));
        assertEquals(GOOD, result.output().recordCount());
        assertEquals((double) source.records(), result.metrics().get("records"));
        assertEquals((double) GOOD, result.metrics().get("accepted"));
        for (RejectReason reason : RejectReason.values()) {
            assertEquals(1.0, result.metrics().get("quarantine." + reason.code()), reason.code());
        }
        // text-valid records name the good images, the damaged one and the missing one
        assertEquals(GOOD + 2.0, result.metrics().get("images.checked"));
        assertEquals(GOOD + 1.0, result.metrics().get("images.found"));

        byte[] quarantine = store.bytes(store.stat(quarantineKey(result)).orElseThrow());
        Map<RejectReason, Integer> perReason = new EnumMap<>(RejectReason.class);
        for (JsonNode line : lines(quarantine)) {
            RejectReason reason = reasonOf(line.get("reason").asText());
            perReason.merge(reason, 1, Integer::sum);
            assertTrue(line.get("raw").asText().contains(source.badIds().get(reason)), line.toString());
        }
        assertEquals(RejectReason.values().length, perReason.size());
        assertTrue(perReason.values().stream().allMatch(count -> count == 1), perReason.toString());
        assertArrayEquals(quarantine,
                tracker.artifacts.get("stage-run/" + ValidateActivitiesImpl.QUARANTINE_ARTIFACT));
        assertTrue(store.exists(quarantineKey(result).replace(ValidateActivitiesImpl.QUARANTINE, "manifest.json")));
    }

    @Test
    void withoutAnImagePrefixSkipsTheImageChecksAndSaysSo() throws Exception {
        BadDataSource source = BadDataSource.create("", GOOD);
        ArtifactRef input = upload(source);

        StageResult result = stub().validate(new ValidateRequest("run-1", input, null, "stage-run"));

        assertEquals(0.0, result.metrics().get("images.checked"));
        assertEquals(0.0, result.metrics().get("quarantine." + RejectReason.MISSING_IMAGE.code()));
        assertEquals(0.0, result.metrics().get("quarantine." + RejectReason.UNREADABLE_IMAGE.code()));
        List<String> ids = accepted(result.output()).stream().map(LlavaRecord::id).toList();
        assertEquals(GOOD + 2, ids.size());
        assertTrue(ids.containsAll(List.of(source.badIds().get(RejectReason.MISSING_IMAGE),
                source.badIds().get(RejectReason.UNREADABLE_IMAGE))), ids.toString());
    }

    @Test
    void theHeartbeatCountsRecordsAgainstTheSourcesRecordCount() {
        BadDataSource source = BadDataSource.create("", GOOD);
        ArtifactRef input = upload(source);

        stub().validate(new ValidateRequest("run-1", input, null, "stage-run"));

        // heartbeats are throttled: the first, sent at once, is the one a test of this size sees
        assertEquals(new StageWork(null, 0, source.records(), "records", Map.of("quarantined", 0L)), heartbeats.get(0));
    }

    @Test
    void aSourceWhoseRecordsWereNotCountedHeartbeatsACountWithoutTotal() {
        BadDataSource source = BadDataSource.create("", GOOD);
        ArtifactRef counted = upload(source);
        ArtifactRef uncounted = new ArtifactRef(counted.uri(), counted.sha256(), counted.size(), counted.mediaType(), 0);

        stub().validate(new ValidateRequest("run-1", uncounted, null, "stage-run"));

        assertEquals(0, heartbeats.get(0).done());
        assertEquals(null, heartbeats.get(0).total());
    }

    @Test
    void anotherRunOfTheSameSourceAndPrefixReusesTheOutputsAsACacheHit() throws Exception {
        ArtifactRef input = upload(BadDataSource.create("", GOOD));
        ValidateActivities validate = stub();

        StageResult first = validate.validate(new ValidateRequest("run-1", input, IMAGES, "stage-run"));
        StageResult again = validate.validate(new ValidateRequest("run-1", input, IMAGES, "stage-run"));
        StageResult other = validate.validate(new ValidateRequest("run-2", input, IMAGES, "stage-run-2"));
        StageResult withoutImages = validate.validate(new ValidateRequest("run-3", input, null, "stage-run-3"));

        assertEquals(first, again);
        assertTrue(other.cacheHit());
        assertEquals(first.output(), other.output());
        assertFalse(withoutImages.cacheHit(), "the image prefix is part of the cache key");
    }

    @Test
    void aSourceWithNoValidRecordFailsAsInvalidInputNamingTheQuarantineAndStillLogsItsCounts() {
        ArtifactRef input = store.put("inputs/bad.json",
                "[{\"id\": \"e\", \"conversations\": []}, {\"id\": \"c\", \"corrupt\": true, \"conversations\": []}]"
                        .getBytes(StandardCharsets.UTF_8), "application/json", 2);

        ActivityFailure failure = assertThrows(ActivityFailure.class,
                () -> stub().validate(new ValidateRequest("run-bad", input, null, "stage-run")));

        ApplicationFailure cause = assertInstanceOf(ApplicationFailure.class, failure.getCause());
        assertEquals(FailureTypes.INVALID_INPUT, cause.getType());
        assertTrue(cause.isNonRetryable());
        assertTrue(cause.getOriginalMessage().contains(ValidateActivitiesImpl.QUARANTINE)
                && cause.getOriginalMessage().contains("s3://memory/runs/run-bad/"), cause.getOriginalMessage());
        assertTrue(tracker.metrics.contains(
                new RecordingTracker.Metric("stage-run", "quarantine.flagged_corrupt", 1, 0)));
        assertTrue(tracker.metrics.contains(new RecordingTracker.Metric("stage-run", "accepted", 0, 0)));
        assertTrue(tracker.artifacts.containsKey("stage-run/" + ValidateActivitiesImpl.QUARANTINE_ARTIFACT));
        assertTrue(store.list("runs/run-bad/").stream().noneMatch(key -> key.endsWith("manifest.json")));
    }

    @Test
    void aSourceThatIsNotAJsonArrayFailsAsInvalidInputWithoutRetrying() {
        ArtifactRef input = store.put("inputs/object.json", "{\"id\": \"x\"}".getBytes(StandardCharsets.UTF_8),
                "application/json", 1);

        ActivityFailure failure = assertThrows(ActivityFailure.class,
                () -> stub().validate(new ValidateRequest("run-object", input, null, "stage-run")));

        ApplicationFailure cause = assertInstanceOf(ApplicationFailure.class, failure.getCause());
        assertEquals(FailureTypes.INVALID_INPUT, cause.getType());
        assertTrue(cause.isNonRetryable());
        assertTrue(cause.getOriginalMessage().contains(input.uri())
                && cause.getOriginalMessage().contains("JSON array"), cause.getOriginalMessage());
    }

    private List<LlavaRecord> accepted(ArtifactRef output) throws Exception {
        try (LlavaJsonReader reader = new LlavaJsonReader(new ByteArrayInputStream(store.bytes(output)),
                output.uri())) {
            return reader.stream().toList();
        }
    }

    private static String quarantineKey(StageResult result) {
        String key = result.output().uri().substring("s3://memory/".length());
        return key.replace(ValidateActivitiesImpl.ACCEPTED, ValidateActivitiesImpl.QUARANTINE);
    }

    static List<JsonNode> lines(byte[] jsonLines) throws Exception {
        List<JsonNode> lines = new ArrayList<>();
        for (String line : new String(jsonLines, StandardCharsets.UTF_8).split("\n")) {
            if (!line.isBlank()) {
                lines.add(JSON.readTree(line));
            }
        }
        return lines;
    }

    static RejectReason reasonOf(String code) {
        return Stream.of(RejectReason.values()).filter(r -> r.code().equals(code)).findFirst().orElseThrow();
    }
}
