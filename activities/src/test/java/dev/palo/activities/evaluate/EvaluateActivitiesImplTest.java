package dev.palo.activities.evaluate;

import dev.palo.workflows.progress.StageWork;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.palo.activities.evaluate.judge.FakeJudgeServer;
import dev.palo.activities.evaluate.judge.PythonRound;
import dev.palo.activities.llm.ApiKeys;
import dev.palo.activities.storage.StoredDirectory;
import dev.palo.activities.support.InMemoryObjectStore;
import dev.palo.activities.support.RecordingTracker;
import dev.palo.workflows.ArtifactRef;
import dev.palo.workflows.StageResult;
import dev.palo.workflows.dataset.DatasetArm;
import dev.palo.workflows.evaluate.ArmScores;
import dev.palo.workflows.evaluate.EvaluateActivities;
import dev.palo.workflows.evaluate.EvaluateConfig;
import dev.palo.workflows.evaluate.GenerateRequest;
import dev.palo.workflows.evaluate.ReportRequest;
import dev.palo.workflows.evaluate.ScoreRequest;
import dev.palo.workflows.evaluate.ScorerConfig;
import io.temporal.activity.ActivityOptions;
import io.temporal.common.RetryOptions;
import io.temporal.testing.TestActivityEnvironment;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EvaluateActivitiesImplTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int QUESTIONS = 5;
    private static final EvaluateConfig CONFIG = new EvaluateConfig(6, 2, ScorerConfig.reference(), null);

    @TempDir
    Path work;
    private final InMemoryObjectStore store = new InMemoryObjectStore();
    private final RecordingTracker tracker = new RecordingTracker();
    private TestActivityEnvironment environment;
    private EvaluateActivities activities;
    private ArtifactRef bench;
    private ArtifactRef model;

    @BeforeEach
    void start() throws IOException {
        environment = TestActivityEnvironment.newInstance();
        environment.registerActivitiesImplementations(
                new EvaluateActivitiesImpl(store, tracker, new ApiKeys(Map.of()), work.resolve("worker")));
        activities = environment.newActivityStub(EvaluateActivities.class, ActivityOptions.newBuilder()
                .setStartToCloseTimeout(Duration.ofMinutes(2))
                .setRetryOptions(RetryOptions.newBuilder().setMaximumAttempts(1).build()).build());
        bench = EvaluateFixtures.uploadBench(store, "fixtures/bench", work.resolve("fixtures"), 3, QUESTIONS);
        model = EvaluateFixtures.uploadTinyModel(store, "fixtures/model", work.resolve("fixtures"));
    }

    @AfterEach
    void stop() {
        environment.close();
    }

    private GenerateRequest generateRequest() {
        return new GenerateRequest("run-1", DatasetArm.PALO, model, bench, EvaluateFixtures.LANGUAGES, CONFIG, "t");
    }

    private Map<String, String> answerFiles(InMemoryObjectStore from, ArtifactRef answers) throws IOException {
        Path folder = new StoredDirectory(from, work.resolve("read")).download(answers);
        return Map.of("en", Files.readString(folder.resolve("en.jsonl")), "ur", Files.readString(folder.resolve("ur.jsonl")));
    }

    @Test
    void answersEveryQuestionInEveryLanguageInLlavasAnswerFormat() throws IOException {
        StageResult result = activities.generateAnswers(generateRequest());

        Map<String, String> files = answerFiles(store, result.output());
        for (String code : EvaluateFixtures.LANGUAGES) {
            List<String> lines = files.get(code).lines().toList();
            assertEquals(QUESTIONS, lines.size(), code);
            for (int q = 0; q < QUESTIONS; q++) {
                JsonNode answer = JSON.readTree(lines.get(q));
                assertEquals(List.of("question_id", "prompt", "text", "answer_id", "model_id", "metadata"),
                        iterable(answer.fieldNames()), "LLaVA's answer-file fields, in its order");
                assertEquals(q, answer.path("question_id").asInt());
                assertEquals(code, answer.path("metadata").path("language").asText());
                assertTrue(answer.path("metadata").path("new_tokens").asInt() <= CONFIG.maxNewTokens());
            }
        }
        assertEquals(2.0 * QUESTIONS, result.metrics().get("answers"));
        assertEquals(6.0, result.metrics().get("chunks"), "ceil(5 / 2) chunks per language");
        assertFalse(result.cacheHit());

        StageResult again = activities.generateAnswers(generateRequest());
        assertEquals(result.output(), again.output(), "a retry after the manifest returns it");
    }

    @Test
    void aRetrySkipsCommittedChunksAndAssemblesTheSameFiles() throws IOException {
        StageResult undisturbed = activities.generateAnswers(generateRequest());
        String prefix = undisturbed.manifest().uri().replaceFirst("^s3://[^/]+/", "").replace("manifest.json", "");
        String firstChunk = prefix + "chunks/en/chunk-000000.jsonl";
        byte[] firstBytes = store.bytes(store.stat(firstChunk).orElseThrow());

        // a second store where a worker died after committing the first chunk, whose text is marked
        InMemoryObjectStore crashed = new InMemoryObjectStore();
        assertEquals(bench, EvaluateFixtures.uploadBench(crashed, "fixtures/bench", work.resolve("again"), 3, QUESTIONS));
        assertEquals(model, EvaluateFixtures.uploadTinyModel(crashed, "fixtures/model", work.resolve("again")));
        String marked = new String(firstBytes, StandardCharsets.UTF_8).replace("\"text\":\"", "\"text\":\"kept ");
        crashed.put(firstChunk, marked.getBytes(StandardCharsets.UTF_8), "application/x-ndjson", 2);
        TestActivityEnvironment retry = TestActivityEnvironment.newInstance();
        try {
            retry.registerActivitiesImplementations(
                    new EvaluateActivitiesImpl(crashed, tracker, new ApiKeys(Map.of()), work.resolve("worker-2")));
            retry.setHeartbeatDetails(new StageWork("palo", 3, 6L, "answers", Map.of("chunks", 1L)));
            StageResult resumed = retry.newActivityStub(EvaluateActivities.class, ActivityOptions.newBuilder()
                    .setStartToCloseTimeout(Duration.ofMinutes(2)).build()).generateAnswers(generateRequest());

            Map<String, String> files = answerFiles(crashed, resumed.output());
            Map<String, String> expected = answerFiles(store, undisturbed.output());
            assertTrue(files.get("en").startsWith(marked), "the committed chunk was reused, not decoded again");
            assertEquals(expected.get("en").substring(new String(firstBytes, StandardCharsets.UTF_8).length()),
                    files.get("en").substring(marked.length()),
                    "the chunks decoded after the retry equal the undisturbed run's");
            assertEquals(expected.get("ur"), files.get("ur"));
        } finally {
            retry.close();
        }
    }

    @Test
    void theGoldAnswersScoreAHundredAndTheReportHasBothArms() throws IOException {
        StageResult answers = activities.generateAnswers(generateRequest());
        ArtifactRef goldAnswers = goldAsAnswers();

        StageResult modelScores = activities.scoreAnswers(new ScoreRequest("run-1", DatasetArm.BASELINE,
                answers.output(), bench, EvaluateFixtures.LANGUAGES, ScorerConfig.reference(), "stage-b"));
        StageResult goldScores = activities.scoreAnswers(new ScoreRequest("run-1", DatasetArm.PALO, goldAnswers,
                bench, EvaluateFixtures.LANGUAGES, ScorerConfig.reference(), "stage-p"));

        assertEquals(100.0, goldScores.metrics().get("score.en"), "gold answers score the reference (10 vs 10)");
        assertEquals(100.0, goldScores.metrics().get("score.ur"));
        assertEquals(0.0, goldScores.metrics().get("unparsed"));
        assertTrue(modelScores.metrics().get("score.ur") < 100.0, modelScores.metrics().toString());
        JsonNode scoresFile = JSON.readTree(read(goldScores.output()));
        assertEquals("reference", scoresFile.path("scorer").asText());
        String reviewUri = scoresFile.path("languages").path(1).path("reviewFile").path("uri").asText();
        List<String> reviews = new String(read(store.stat(reviewUri.replaceFirst("^s3://[^/]+/", "")).orElseThrow()),
                StandardCharsets.UTF_8).lines().toList();
        assertEquals(QUESTIONS, reviews.size());
        JsonNode review = JSON.readTree(reviews.get(0));
        assertEquals(List.of("id", "question_id", "answer1_id", "answer2_id", "category", "content", "tuple"),
                iterable(review.fieldNames()), "LLaVA's review-file fields");
        assertEquals("llava_bench_conv", review.path("category").asText());
        assertNotNull(tracker.artifacts.get("stage-p/reviews/ur.jsonl"));

        StageResult report = activities.writeReport(new ReportRequest("run-1", List.of(
                new ArmScores(DatasetArm.PALO, goldScores.output()),
                new ArmScores(DatasetArm.BASELINE, modelScores.output())), "pipeline"));

        String markdown = new String(tracker.artifacts.get("pipeline/reports/table1.md"), StandardCharsets.UTF_8);
        assertTrue(markdown.contains("| Model | en | ur | Avg.H | Avg.L | Avg. |"), markdown);
        assertTrue(markdown.contains("| baseline |") && markdown.contains("| palo | 100.0 | 100.0 |")
                && markdown.contains("| palo − baseline |"), markdown);
        BufferedImage chart = ImageIO.read(new ByteArrayInputStream(tracker.artifacts.get("pipeline/reports/table1.png")));
        assertNotNull(chart, "the chart decodes as an image");
        JsonNode table = JSON.readTree(read(report.output()));
        double baselineUrdu = table.path("rows").path(0).path("values").path("ur").asDouble();
        assertEquals(modelScores.metrics().get("score.ur"), baselineUrdu);
        assertEquals(100.0 - baselineUrdu, report.metrics().get("table1.delta.ur"), 0.051);
        assertTrue(tracker.metrics.stream().anyMatch(m -> m.runId().equals("pipeline")
                && m.key().equals("table1.palo.avg_l") && m.value() == 100.0), tracker.metrics.toString());
        assertTrue(store.exists(report.output().uri().replaceFirst("^s3://[^/]+/", "").replace("table1.json", "table1.png")));
    }

    @Test
    void theJudgeScorerReviewsThroughItsEndpointAndCountsUnparsedReplies() throws IOException {
        // the judge rates the reference 8 and the answer 6, but cannot parse its own reply for question 1
        try (FakeJudgeServer judge = new FakeJudgeServer(
                prompt -> prompt.contains("square 1?") || prompt.contains("مربع 1 ") ? "Eight and six." : "8 6\nfine")) {
            StageResult answers = activities.generateAnswers(generateRequest());
            StageResult scores = activities.scoreAnswers(new ScoreRequest("run-1", DatasetArm.PALO, answers.output(),
                    bench, EvaluateFixtures.LANGUAGES, ScorerConfig.judge(judge.baseUrl(), "judge-model", null, 2, 600),
                    "stage"));

            assertEquals(2 * QUESTIONS, judge.requests.size());
            assertEquals(1.0, scores.metrics().get("unparsed.en"));
            assertEquals(1.0, scores.metrics().get("unparsed.ur"));
            assertEquals(2.0, scores.metrics().get("unparsed"));
            // (4 × 6 − 1) / (4 × 8 − 1) over the five reviews, as summarize_gpt_review pools them
            double expected = PythonRound.round(PythonRound.round(23 / 5.0, 3) / PythonRound.round(31 / 5.0, 3) * 100, 1);
            assertEquals(expected, scores.metrics().get("score.en"));
            JsonNode scoresFile = JSON.readTree(read(scores.output()));
            assertEquals("judge-model", scoresFile.path("judge").asText());
        }
    }

    @Test
    void theContentScorerGradesEnglishAnswersToUrduQuestionsAsRightContentWrittenInTheWrongLanguage()
            throws IOException {
        StageResult gold = activities.scoreAnswers(new ScoreRequest("run-1", DatasetArm.BASELINE, goldAsAnswers(),
                bench, EvaluateFixtures.LANGUAGES, ScorerConfig.content(), "stage-b"));
        StageResult english = activities.scoreAnswers(new ScoreRequest("run-1", DatasetArm.PALO,
                answers("english-answers", "english/answers_gpt4.jsonl", "english/answers_gpt4.jsonl"),
                bench, EvaluateFixtures.LANGUAGES, ScorerConfig.content(), "stage-p"));

        assertEquals(100.0, gold.metrics().get("score.ur"));
        assertEquals(100.0, gold.metrics().get("score.reference.ur"), "chrF is reported beside the content score");
        assertEquals(100.0, gold.metrics().get("in_language.ur"));
        assertEquals(100.0, english.metrics().get("score.ur"), "the right colour in English is right content");
        assertEquals(100.0, english.metrics().get("score.content.ur"));
        assertTrue(english.metrics().get("score.reference.ur") < 30, english.metrics().toString());
        assertEquals(0.0, english.metrics().get("in_language.ur"), "but it is not written in Urdu");
        assertEquals(100.0, english.metrics().get("in_language.en"));
        JsonNode scoresFile = JSON.readTree(read(english.output()));
        assertEquals("content", scoresFile.path("scorer").asText());
        assertNotNull(tracker.artifacts.get("stage-p/reviews/reference/ur.jsonl"), tracker.artifacts.keySet().toString());

        StageResult report = activities.writeReport(new ReportRequest("run-1", List.of(
                new ArmScores(DatasetArm.PALO, english.output()), new ArmScores(DatasetArm.BASELINE, gold.output())),
                "pipeline"));
        String markdown = new String(tracker.artifacts.get("pipeline/reports/table1.md"), StandardCharsets.UTF_8);
        assertTrue(markdown.startsWith("### Table 1: relative score (%) on the multilingual LLaVA-Bench, content scorer"),
                markdown);
        assertTrue(markdown.contains("### Beside Table 1: relative score (%), reference scorer")
                && markdown.contains("### Beside Table 1: answers written in the question's language (%), Lingua")
                && markdown.contains("| palo | 100.0 | 0.0 |"), markdown);
        JsonNode table = JSON.readTree(read(report.output()));
        assertEquals("content", table.path("scorer").asText());
        assertEquals(List.of("reference", "in-language (Lingua)"), List.of(table.path("others").path(0).path("scorer")
                .asText(), table.path("others").path(1).path("scorer").asText()));
        assertEquals(-100.0, report.metrics().get("in_language.delta.ur"));
        assertEquals(0.0, report.metrics().get("table1.delta.ur"));
    }

    @Test
    void aReportOnTheValidationBenchSaysSoInItsTitle() throws IOException {
        ArtifactRef validation = EvaluateFixtures.uploadBench(store, "fixtures/validation-bench", work, 3, QUESTIONS,
                "validation");
        ArtifactRef gold = goldAsAnswers();
        List<ArmScores> arms = new java.util.ArrayList<>();
        for (DatasetArm arm : DatasetArm.values()) {
            StageResult scores = activities.scoreAnswers(new ScoreRequest("run-v", arm, gold, validation,
                    EvaluateFixtures.LANGUAGES, ScorerConfig.content(), "stage-" + arm.code()));
            arms.add(new ArmScores(arm, scores.output()));
            assertEquals("validation", JSON.readTree(read(scores.output())).path("bench").asText());
        }
        StageResult report = activities.writeReport(new ReportRequest("run-v", arms, "pipeline"));
        assertEquals("Table 1: relative score (%) on the multilingual LLaVA-Bench, validation bench, content scorer",
                JSON.readTree(read(report.output())).path("title").asText());
    }

    /** The bench's own reference answers, in the answer-file layout of the generate stage. */
    private ArtifactRef goldAsAnswers() throws IOException {
        return answers("gold-answers", "english/answers_gpt4.jsonl", "urdu/corrected/answers.jsonl");
    }

    /** Answer files copied from the bench's reference answers: {@code en} from one file, {@code ur} from another. */
    private ArtifactRef answers(String name, String english, String urdu) throws IOException {
        Path benchFolder = new StoredDirectory(store, work.resolve("bench-read")).download(bench);
        Path folder = Files.createDirectories(work.resolve(name));
        Files.copy(benchFolder.resolve(english), folder.resolve("en.jsonl"));
        Files.copy(benchFolder.resolve(urdu), folder.resolve("ur.jsonl"));
        return new StoredDirectory(store, work.resolve(name + "-upload")).upload("fixtures/" + name, folder);
    }

    private byte[] read(ArtifactRef ref) throws IOException {
        return store.bytes(ref);
    }

    private static List<String> iterable(java.util.Iterator<String> names) {
        List<String> list = new java.util.ArrayList<>();
        names.forEachRemaining(list::add);
        return list;
    }
}
