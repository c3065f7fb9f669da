package dev.palo.activities.validate;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.palo.activities.dataset.DatasetIndex;
import dev.palo.activities.support.MlflowRest;
import dev.palo.activities.support.PipelineHarness;
import dev.palo.data.llava.LlavaJsonReader;
import dev.palo.data.llava.LlavaRecord;
import dev.palo.data.validate.RejectReason;
import dev.palo.workflows.ArtifactRef;
import dev.palo.workflows.StageResult;
import dev.palo.workflows.TaskQueues;
import dev.palo.workflows.dataset.DatasetConfig;
import dev.palo.workflows.language.LanguageResult;
import dev.palo.workflows.pipeline.PaloPipelineWorkflow;
import dev.palo.workflows.pipeline.PipelineResult;
import dev.palo.workflows.pipeline.PipelineSpec;
import dev.palo.workflows.postedit.LowYieldAction;
import dev.palo.workflows.postedit.QaConfig;
import dev.palo.workflows.review.ReviewConfig;
import dev.palo.workflows.translation.translate.TranslateConfig;
import dev.palo.workflows.validate.ValidateActivities;
import io.temporal.client.WorkflowOptions;
import java.io.InputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A two-language pipeline on the real servers of {@code ./palo up} over a source holding one bad
 * record of every kind, its images in the store: the run completes, every bad record is
 * quarantined and counted, and none reaches a translation or a dataset shard.
 */
class BadDataPipelineIT {
    private static final String KEY_NAME = "PALO_IT_CHAT_KEY";
    private static final List<String> LANGUAGES = List.of("ar", "hi");
    private static final int GOOD = 4;

    @TempDir
    static Path work;
    private static PipelineHarness harness;

    @BeforeAll
    static void start() throws Exception {
        harness = PipelineHarness.start(work, Map.of(KEY_NAME, "sk-it"));
    }

    @AfterAll
    static void stop() {
        if (harness != null) {
            harness.close();
        }
    }

    @Test
    void quarantinesEveryKindOfBadRecordWithCountsAndTheRunStillCompletesWithoutThem() throws Exception {
        String nonce = UUID.randomUUID().toString();
        BadDataSource source = BadDataSource.create(nonce + "-", GOOD);
        String imagePrefix = "it/" + nonce + "/images/";
        for (Map.Entry<String, byte[]> image : source.images().entrySet()) {
            harness.store().put(imagePrefix + image.getKey(), image.getValue(), "image/png", 0);
        }
        ArtifactRef input = harness.store().put("it/" + nonce + "/english.json", source.json(), "application/json",
                source.records());
        String runId = "it-bad-" + nonce;

        PipelineResult result = harness.client().newWorkflowStub(PaloPipelineWorkflow.class, WorkflowOptions.newBuilder()
                        .setWorkflowId(runId).setTaskQueue(TaskQueues.CPU)
                        .setWorkflowExecutionTimeout(Duration.ofMinutes(5)).build())
                .run(new PipelineSpec(input, LANGUAGES,
                        TranslateConfig.endpoint(harness.chat().baseUrl(), "it-model").apiKeySecret(KEY_NAME)
                                .chunkSize(2).concurrency(3).rateLimits(6_000, 1_000_000).maxAttempts(6).build(),
                        QaConfig.defaults().withFloor(QaConfig.DEFAULT_MIN_USABLE_SHARE, LowYieldAction.WARN), ReviewConfig.none(), DatasetConfig.defaults(), imagePrefix));

        Set<String> goodIds = new HashSet<>(source.good().stream().map(LlavaRecord::id).toList());
        assertEquals(LANGUAGES, result.languages().stream().map(LanguageResult::language).toList());
        for (LanguageResult language : result.languages()) {
            for (StageResult stage : language.stages()) {
                assertTrue(goodIds.containsAll(ids(stage.output())), stage.stage() + " " + language.language());
            }
            assertEquals(goodIds, Set.copyOf(ids(language.stages().get(0).output())),
                    "translated " + language.language());
        }
        for (StageResult arm : List.of(result.baselineDataset(), result.paloDataset())) {
            DatasetIndex index;
            try (InputStream in = harness.store().open(arm.output())) {
                index = new ObjectMapper().readValue(in, DatasetIndex.class);
            }
            List<String> shardIds = new ArrayList<>();
            for (ArtifactRef shard : index.shards()) {
                shardIds.addAll(ids(shard));
            }
            assertEquals(goodIds, Set.copyOf(shardIds), arm.language());
        }

        byte[] quarantine = quarantineInStore(runId);
        assertQuarantine(source, quarantine);
        assertTracked(result, source, quarantine);
    }

    /** One line per bad record, each under its own reason and carrying that record's text. */
    private static void assertQuarantine(BadDataSource source, byte[] quarantine) throws Exception {
        Map<RejectReason, Integer> perReason = new EnumMap<>(RejectReason.class);
        for (JsonNode line : ValidateActivitiesImplTest.lines(quarantine)) {
            RejectReason reason = ValidateActivitiesImplTest.reasonOf(line.get("reason").asText());
            perReason.merge(reason, 1, Integer::sum);
            assertTrue(line.get("raw").asText().contains(source.badIds().get(reason)), line.toString());
        }
        Map<RejectReason, Integer> expected = new EnumMap<>(RejectReason.class);
        source.badIds().keySet().forEach(reason -> expected.put(reason, 1));
        assertEquals(expected, perReason);
    }

    /** The validate stage's own tracking run: counts per reason and the quarantine file as an artifact. */
    private static void assertTracked(PipelineResult result, BadDataSource source, byte[] quarantine) throws Exception {
        MlflowRest rest = new MlflowRest(harness.stack().mlflowUri);
        List<JsonNode> stages = rest.searchRuns(rest.experimentId(PipelineHarness.EXPERIMENT),
                "tags.mlflow.parentRunId = '" + result.trackingRunId() + "' and tags.`palo.stage` = '"
                        + ValidateActivities.STAGE + "'");
        assertEquals(1, stages.size());
        JsonNode stage = stages.get(0);
        assertEquals("FINISHED", stage.path("info").path("status").asText());
        assertEquals("en", MlflowRest.tag(stage, "palo.language"));
        assertEquals((double) source.records(), MlflowRest.metric(stage, "records"));
        assertEquals((double) GOOD, MlflowRest.metric(stage, "accepted"));
        for (RejectReason reason : RejectReason.values()) {
            assertEquals(1.0, MlflowRest.metric(stage, "quarantine." + reason.code()), reason.code());
        }
        assertFalse(MlflowRest.metric(stage, "images.checked") == 0.0, "the image checks ran");
        String stageRunId = stage.path("info").path("run_id").asText();
        assertTrue(rest.artifactPaths(stageRunId, "reports").contains(ValidateActivitiesImpl.QUARANTINE_ARTIFACT));
        HttpResponse<byte[]> artifact = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(
                harness.stack().mlflowUri + "/get-artifact?run_uuid=" + stageRunId + "&path="
                        + URLEncoder.encode(ValidateActivitiesImpl.QUARANTINE_ARTIFACT, StandardCharsets.UTF_8)))
                .build(), HttpResponse.BodyHandlers.ofByteArray());
        assertEquals(200, artifact.statusCode());
        assertArrayEquals(quarantine, artifact.body());
    }

    private static byte[] quarantineInStore(String runId) throws Exception {
        List<String> keys = harness.store().list("runs/" + runId + "/" + ValidateActivities.STAGE + "/").stream()
                .filter(key -> key.endsWith("/" + ValidateActivitiesImpl.QUARANTINE)).toList();
        assertEquals(1, keys.size(), keys.toString());
        try (InputStream in = harness.store().open(harness.store().stat(keys.get(0)).orElseThrow())) {
            return in.readAllBytes();
        }
    }

    private static List<String> ids(ArtifactRef data) throws Exception {
        try (InputStream in = harness.store().open(data); LlavaJsonReader reader = new LlavaJsonReader(in, data.uri())) {
            return reader.stream().map(LlavaRecord::id).toList();
        }
    }
}
