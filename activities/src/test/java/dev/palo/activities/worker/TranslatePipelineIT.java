package dev.palo.activities.worker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.palo.activities.dataset.DatasetIndex;
import dev.palo.activities.dataset.LanguageCounts;
import dev.palo.activities.support.FakeChatServer;
import dev.palo.activities.support.LlavaSamples;
import dev.palo.activities.support.MlflowRest;
import dev.palo.activities.support.PipelineHarness;
import dev.palo.data.lang.LanguageRegistry;
import dev.palo.data.llava.LlavaJsonReader;
import dev.palo.data.llava.LlavaRecord;
import dev.palo.data.llava.Turn;
import dev.palo.workflows.ArtifactRef;
import dev.palo.workflows.FailureTypes;
import dev.palo.workflows.StageResult;
import dev.palo.workflows.TaskQueues;
import dev.palo.workflows.dataset.DatasetActivities;
import dev.palo.workflows.dataset.DatasetArm;
import dev.palo.workflows.dataset.LanguageSet;
import dev.palo.workflows.language.LanguageResult;
import dev.palo.workflows.pipeline.PaloPipelineWorkflow;
import dev.palo.workflows.pipeline.PipelineResult;
import dev.palo.workflows.pipeline.PipelineSpec;
import dev.palo.workflows.postedit.LowYieldAction;
import dev.palo.workflows.postedit.PostEditActivities;
import dev.palo.workflows.postedit.QaConfig;
import dev.palo.workflows.review.ReviewActivities;
import dev.palo.workflows.translation.translate.TranslateActivities;
import dev.palo.workflows.translation.translate.TranslateConfig;
import dev.palo.workflows.validate.ValidateActivities;
import io.temporal.client.WorkflowFailedException;
import io.temporal.client.WorkflowOptions;
import io.temporal.failure.ApplicationFailure;
import io.temporal.failure.ChildWorkflowFailure;
import java.io.InputStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
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
 * A two-language pipeline on the real servers of {@code ./palo up}: Temporal, the S3 store and
 * MLflow, with an in-process worker and a local chat endpoint that injects 429s and 500s.
 */
class TranslatePipelineIT {
    private static final String KEY_NAME = "PALO_IT_CHAT_KEY";
    private static final List<String> LANGUAGES = List.of("ar", "hi");
    private static final int SAMPLES = 5;
    private static final int TURNS = 4;

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

    private static PaloPipelineWorkflow pipeline(String runId) {
        return harness.client().newWorkflowStub(PaloPipelineWorkflow.class, WorkflowOptions.newBuilder()
                .setWorkflowId(runId).setTaskQueue(TaskQueues.CPU)
                .setWorkflowExecutionTimeout(Duration.ofMinutes(5)).build());
    }

    /** Without human review (its stage passes through); {@code ReviewPipelineIT} reviews. */
    private static PipelineSpec spec(ArtifactRef source, List<String> languages) {
        return new PipelineSpec(source, languages,
                TranslateConfig.endpoint(harness.chat().baseUrl(), "it-model").apiKeySecret(KEY_NAME).chunkSize(2)
                        .concurrency(3).rateLimits(6_000, 1_000_000).maxAttempts(6).build(),
                QaConfig.defaults().withFloor(0, LowYieldAction.FAIL));
    }

    @Test
    void translatesTwoLanguagesDespite429And500ThenRerunsFromTheCache() throws Exception {
        String nonce = UUID.randomUUID().toString();
        List<LlavaRecord> english = LlavaSamples.records(SAMPLES).stream()
                .map(r -> LlavaRecord.of(nonce + "-" + r.id(), r.image(), r.conversations())).toList();
        ArtifactRef source = harness.store().put("it/" + nonce + "/english.json", LlavaSamples.json(english),
                "application/json", SAMPLES);
        harness.chat().failEvery(4, "0");

        String runId = "it-" + nonce;
        PipelineResult result = pipeline(runId).run(spec(source, LANGUAGES));

        assertEquals(LANGUAGES, result.languages().stream().map(LanguageResult::language).toList());
        assertTrue(harness.chat().failuresServed.containsAll(List.of(429, 500)), "injected " + harness.chat().failuresServed);
        long distinctTexts = english.stream().flatMap(r -> r.conversations().stream())
                .map(turn -> turn.value().replace(Turn.IMAGE_TOKEN, "").strip()).distinct().count();
        assertTrue(distinctTexts < SAMPLES * TURNS, "the samples repeat a question");
        assertEquals(LANGUAGES.size() * distinctTexts, harness.chat().answered.size());
        assertTrue(harness.chat().answered.values().stream().allMatch(n -> n.get() == 1),
                "each distinct text answered once per language: " + harness.chat().answered);
        for (LanguageResult language : result.languages()) {
            StageResult translate = language.stages().get(0);
            assertFalse(translate.cacheHit());
            assertTranslated(english, translate, language.language());
            // The fake endpoint answers in Latin letters: QA must flag every sample's script.
            StageResult postEdit = language.stages().get(1);
            assertEquals(PostEditActivities.STAGE, postEdit.stage());
            assertEquals((double) SAMPLES, postEdit.metrics().get("qa.wrong_script"));
            assertEquals((double) SAMPLES, postEdit.metrics().get("corrupt"));
            assertEquals(postEdit.output(), harness.store().stat(key(postEdit.output())).orElseThrow());
        }
        assertDatasets(result, english);
        assertTracked(runId, result, false);

        int requestsBefore = harness.chat().requests();
        String rerunId = runId + "-rerun";
        PipelineResult rerun = pipeline(rerunId).run(spec(source, LANGUAGES));

        assertEquals(requestsBefore, harness.chat().requests(), "a rerun with nothing changed sends no request");
        for (int i = 0; i < LANGUAGES.size(); i++) {
            for (int stage = 0; stage < 3; stage++) {
                StageResult cached = rerun.languages().get(i).stages().get(stage);
                assertTrue(cached.cacheHit());
                assertEquals(result.languages().get(i).stages().get(stage).output(), cached.output());
                assertTrue(harness.store().exists(key(cached.manifest())));
            }
        }
        for (StageResult[] arm : List.of(new StageResult[] {result.baselineDataset(), rerun.baselineDataset()},
                new StageResult[] {result.paloDataset(), rerun.paloDataset()})) {
            assertFalse(arm[0].cacheHit());
            assertTrue(arm[1].cacheHit(), arm[1].toString());
            assertEquals(arm[0].output(), arm[1].output());
            assertTrue(harness.store().exists(key(arm[1].manifest())));
        }
        assertTracked(rerunId, rerun, true);
    }

    @Test
    void unknownLanguageFailsThePipelineBeforeAnythingRuns() {
        ArtifactRef source = new ArtifactRef(harness.store().uri("it/none.json"), "00", 0, "application/json", 0);
        int requestsBefore = harness.chat().requests();

        WorkflowFailedException failed = assertThrows(WorkflowFailedException.class,
                () -> pipeline("it-unknown-" + UUID.randomUUID()).run(spec(source, List.of("ar", "tlh"))));

        Throwable cause = failed.getCause();
        while (cause.getCause() != null && !(cause instanceof ApplicationFailure)) {
            cause = cause.getCause();
        }
        ApplicationFailure failure = assertInstanceOf(ApplicationFailure.class, cause);
        assertEquals(FailureTypes.UNKNOWN_LANGUAGE, failure.getType());
        assertTrue(failure.getOriginalMessage().contains("tlh"), failure.getOriginalMessage());
        assertFalse(failed.getCause() instanceof ChildWorkflowFailure);
        assertEquals(requestsBefore, harness.chat().requests());
    }

    /**
     * Each arm's index and shards are in the store; the baseline reads English only, the PALO arm
     * English and the post-edited translations, each recorded with the review it went through.
     */
    private static void assertDatasets(PipelineResult result, List<LlavaRecord> english) throws Exception {
        DatasetIndex baseline = index(result.baselineDataset(), DatasetArm.BASELINE);
        DatasetIndex palo = index(result.paloDataset(), DatasetArm.PALO);
        assertEquals(Set.of("en"), baseline.languages().keySet());
        List<String> paloLanguages = new ArrayList<>(List.of("en"));
        paloLanguages.addAll(LANGUAGES);
        assertEquals(Set.copyOf(paloLanguages), palo.languages().keySet());
        assertEquals(paloLanguages, palo.inputs().stream().map(LanguageSet::language).toList());
        for (DatasetIndex index : List.of(baseline, palo)) {
            LanguageCounts en = index.languages().get("en");
            assertEquals(english.size(), en.read());
            assertEquals(0, en.corrupt());
        }
        for (LanguageResult language : result.languages()) {
            StageResult postEdit = language.stages().get(1);
            StageResult review = language.stages().get(2);
            assertEquals(new LanguageSet(language.language(), postEdit.output(), List.of(review.output())),
                    palo.inputs().get(paloLanguages.indexOf(language.language())));
            LanguageCounts counts = palo.languages().get(language.language());
            assertEquals(postEdit.output().recordCount(), counts.read());
            assertEquals(postEdit.metrics().get("corrupt"), (double) counts.corrupt());
            assertEquals(counts.read(), counts.corrupt() + counts.duplicates() + counts.kept());
            assertEquals((double) counts.kept(), result.paloDataset().metrics().get("records." + language.language()));
        }
    }

    /** The arm's {@code dataset.json}, checked against the shards it lists, which must all be stored. */
    private static DatasetIndex index(StageResult build, DatasetArm arm) throws Exception {
        assertEquals(DatasetActivities.STAGE, build.stage());
        assertEquals(arm.code(), build.language());
        assertTrue(build.output().uri().endsWith("/dataset.json"), build.output().uri());
        assertEquals(build.output(), harness.store().stat(key(build.output())).orElseThrow());
        DatasetIndex index;
        try (InputStream in = harness.store().open(build.output())) {
            index = new ObjectMapper().readValue(in, DatasetIndex.class);
        }
        assertEquals(arm.code(), index.arm());
        assertFalse(index.shards().isEmpty());
        for (ArtifactRef shard : index.shards()) {
            assertEquals(shard, harness.store().stat(key(shard)).orElseThrow());
        }
        assertEquals(index.records(), index.shards().stream().mapToLong(ArtifactRef::recordCount).sum());
        assertEquals(index.records(), index.languages().values().stream().mapToLong(LanguageCounts::kept).sum());
        assertEquals((double) index.records(), build.metrics().get("records"));
        return index;
    }

    private static String key(ArtifactRef ref) {
        return ref.uri().substring(("s3://" + harness.stack().s3.bucket() + "/").length());
    }

    private static void assertTranslated(List<LlavaRecord> english, StageResult translate, String code)
            throws Exception {
        String keyPrefix = key(translate.output()).substring(0, key(translate.output()).lastIndexOf('/') + 1);
        List<String> keys = harness.store().list(keyPrefix);
        assertTrue(keys.contains(keyPrefix + "manifest.json"), keys.toString());
        assertEquals((SAMPLES + 1) / 2, keys.stream().filter(k -> k.contains("/chunks/")).count(), keys.toString());
        assertEquals(translate.manifest(), harness.store().stat(keyPrefix + "manifest.json").orElseThrow());

        String languageName = LanguageRegistry.palo().get(code).name();
        try (InputStream in = harness.store().open(translate.output());
             LlavaJsonReader reader = new LlavaJsonReader(in, translate.output().uri())) {
            List<LlavaRecord> records = reader.stream().toList();
            assertEquals(english.size(), records.size());
            Set<String> ids = new HashSet<>();
            for (int i = 0; i < english.size(); i++) {
                LlavaRecord out = records.get(i);
                assertTrue(ids.add(out.id()), "duplicate " + out.id());
                assertEquals(english.get(i).id(), out.id());
                assertEquals(english.get(i).conversations(), out.englishConversations());
                for (int t = 0; t < TURNS; t++) {
                    String in0 = english.get(i).conversations().get(t).value();
                    String text = in0.replace(Turn.IMAGE_TOKEN, "").strip();
                    assertEquals(in0.replace(text, FakeChatServer.translation(languageName, text)),
                            out.conversations().get(t).value());
                }
            }
        }
    }

    private static void assertTracked(String runId, PipelineResult result, boolean cacheHit) throws Exception {
        MlflowRest rest = new MlflowRest(harness.stack().mlflowUri);
        String experimentId = rest.experimentId(PipelineHarness.EXPERIMENT);
        List<JsonNode> pipelines = rest.searchRuns(experimentId, "tags.`palo.run` = '" + runId + "'");
        assertEquals(1, pipelines.size());
        JsonNode pipelineRun = pipelines.get(0);
        assertEquals(result.trackingRunId(), pipelineRun.path("info").path("run_id").asText());
        assertEquals("FINISHED", pipelineRun.path("info").path("status").asText());

        List<JsonNode> stages = rest.searchRuns(experimentId,
                "tags.mlflow.parentRunId = '" + result.trackingRunId() + "'");
        Set<String> stageLanguages = new HashSet<>();
        for (JsonNode stage : stages) {
            String name = MlflowRest.tag(stage, "palo.stage");
            stageLanguages.add(name + " " + MlflowRest.tag(stage, "palo.language"));
            assertEquals(Boolean.toString(cacheHit), MlflowRest.tag(stage, "palo.cacheHit"));
            if (name.equals(ValidateActivities.STAGE)) {
                assertEquals((double) SAMPLES, MlflowRest.metric(stage, "accepted"));
                assertEquals(0.0, MlflowRest.metric(stage, "quarantined"));
            } else if (!name.equals(DatasetActivities.STAGE)) {
                assertEquals((double) SAMPLES, MlflowRest.metric(stage, "samples"));
            }
            assertEquals("FINISHED", stage.path("info").path("status").asText());
            String stageRunId = stage.path("info").path("run_id").asText();
            List<String> reports = rest.artifactPaths(stageRunId, "reports");
            assertTrue(reports.contains("reports/stage-result.json"), reports.toString());
            if (!cacheHit && name.equals(TranslateActivities.STAGE)) {
                assertEquals((SAMPLES + 1) / 2, rest.metricHistory(stageRunId, "chunk.corrupt").size(),
                        "one chunk metric per chunk");
            }
            if (!cacheHit && name.equals(PostEditActivities.STAGE)) {
                assertEquals((double) SAMPLES, MlflowRest.metric(stage, "qa.wrong_script"));
                assertTrue(reports.contains("reports/qa-report.json"), reports.toString());
            }
        }
        Set<String> expected = new HashSet<>(Set.of(ValidateActivities.STAGE + " " + ValidateActivities.LANGUAGE));
        for (String language : LANGUAGES) {
            expected.add(TranslateActivities.STAGE + " " + language);
            expected.add(PostEditActivities.STAGE + " " + language);
            expected.add(ReviewActivities.STAGE + " " + language);
        }
        for (DatasetArm arm : DatasetArm.values()) {
            expected.add(DatasetActivities.STAGE + " " + arm.code());
        }
        assertEquals(expected, stageLanguages);
    }
}
