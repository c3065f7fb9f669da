package dev.palo.services.studies;

import static dev.palo.services.support.ApiFixtures.detail;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.palo.activities.worker.WorkerEnvironment;
import dev.palo.services.auth.Roles;
import dev.palo.services.runs.LanguageProgress;
import dev.palo.services.runs.RunDetail;
import dev.palo.services.runs.StageProgress;
import dev.palo.services.support.ApiFixtures;
import dev.palo.services.support.EmbeddedStackResource;
import dev.palo.services.support.Tokens;
import dev.palo.workflows.study.StudyMemberState;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.mlflow.api.proto.Service.Run;
import org.mlflow.tracking.MlflowClient;

/**
 * A tiny study on the real stack: the tiny demo's recipe (Arabic, PALO-mini tiny, training with the mini defaults)
 * over 2 fine-tune seeds × 1 data seed, the same study as StudyBrowserIT's (whichever of the two runs second finds
 * every stage cached). Its second run finds every stage upstream of the fine-tune in the stage cache and its
 * fine-tunes end at other losses; the report has every metric with an interval per column, in the store, through the
 * API and in MLflow.
 */
@QuarkusTest
@QuarkusTestResource(EmbeddedStackResource.class)
class StudyApiIT {
    /** Two tiny runs with training; the second redoes only the fine-tunes and the evaluation. */
    private static final Duration STUDY_TIMEOUT = Duration.ofMinutes(50);
    private static final ObjectMapper JSON = new ObjectMapper();

    @Inject
    WorkerEnvironment environment;

    @Test
    void aTinyStudyOfTwoSeedsReportsEveryMetricWithPairedIntervals() throws Exception {
        // StudyBrowserIT's study (same recipe and seeds): whichever of the two runs second finds every stage cached
        long dataSeed = ApiFixtures.TINY_STUDY_DATA_SEED;
        String id = ApiFixtures.startTinyStudy(List.of(42L, 43L), 2_000);
        await().atMost(STUDY_TIMEOUT).pollInterval(Duration.ofSeconds(10))
                .until(() -> !view(id).status().equals("RUNNING"));
        StudyView study = view(id);
        assertEquals("COMPLETED", study.status(), study.toString());
        assertEquals(List.of(id + "-ft42-data" + dataSeed, id + "-ft43-data" + dataSeed),
                study.runs().stream().map(run -> run.member().runId()).toList());
        assertTrue(study.runs().stream().allMatch(run -> StudyMemberState.COMPLETED.equals(run.state())));

        // the second run: everything upstream of the fine-tune is a cache hit of the first
        RunDetail first = detail(study.runs().get(0).member().runId());
        RunDetail second = detail(study.runs().get(1).member().runId());
        List<StageProgress> stages = new ArrayList<>(second.stages());
        second.languages().stream().map(LanguageProgress::stages).forEach(stages::addAll);
        for (String stage : List.of("validate", "translator-base", "translate", "post-edit", "review", "tune",
                "retranslate", "base-model", "pretrain", "dataset-build")) {
            List<StageProgress> found = stages.stream().filter(s -> s.stage().equals(stage)).toList();
            assertFalse(found.isEmpty(), stage + " among " + stages);
            assertTrue(found.stream().allMatch(s -> Boolean.TRUE.equals(s.cacheHit())), stage + ": " + found);
        }
        // the fine-tune seed reaches the fine-tunes: each arm ends at another loss in the two runs (computed here or
        // cached from StudyBrowserIT's study, the losses are the fine-tunes' own)
        for (String arm : List.of("palo", "baseline")) {
            assertNotEquals(finalLoss(first, arm), finalLoss(second, arm), arm + " fine-tunes of seeds 42 and 43");
        }

        JsonNode report = JSON.readTree(given().accept(ContentType.JSON).get("/api/studies/" + id + "/report").then()
                .statusCode(200).extract().asByteArray());
        List<String> columns = Stream.of(JSON.treeToValue(report.get("columns"), String[].class)).toList();
        assertEquals(List.of("en", "ar", "Avg.H", "Avg.L", "Avg."), columns);
        List<String> metrics = new ArrayList<>();
        report.get("metrics").forEach(metric -> metrics.add(metric.get("metric").asText()));
        assertEquals(List.of("content", "reference", "in_language"), metrics);
        for (JsonNode metric : report.get("metrics")) {
            assertEquals(columns.size(), metric.get("delta").size());
            for (JsonNode delta : metric.get("delta")) {
                double low = delta.get("low").asDouble();
                double high = delta.get("high").asDouble();
                assertTrue(low <= delta.get("mean").asDouble() + 1e-9 && delta.get("mean").asDouble() <= high + 1e-9,
                        metric.get("metric") + ": " + delta);
            }
            assertEquals(2, metric.get("perRun").size());
            assertTrue(metric.get("baseline").get(0).hasNonNull("sd"), "two runs have a standard deviation");
        }
        given().accept("text/markdown").get("/api/studies/" + id + "/report").then().statusCode(200)
                .body(containsString("palo − baseline")).body(containsString("paired bootstrap"))
                .body(containsString("Content score"));
        // an ended study cannot be cancelled
        given().post("/api/studies/" + id + "/cancel").then().statusCode(409).body("error", containsString("COMPLETED"));

        MlflowClient mlflow = new MlflowClient(environment.mlflowUri());
        try {
            String experiment = mlflow.getRun(second.trackingRunId()).getInfo().getExperimentId();
            List<String> studyRuns = new ArrayList<>();
            mlflow.searchRuns(List.of(experiment), "tags.`palo.run` = '" + id + "' AND tags.`palo.kind` = 'study'")
                    .forEach(run -> studyRuns.add(run.getRunId()));
            assertEquals(1, studyRuns.size(), studyRuns.toString());
            Run run = mlflow.getRun(studyRuns.get(0));
            assertTrue(run.getData().getMetricsList().stream()
                    .anyMatch(m -> m.getKey().equals("study.content.delta.avg_l.ci_low")), run.toString());
        } finally {
            mlflow.close();
        }
    }

    @Test
    void aTinyStudyWithBothControlsReportsAStepMatchedBaselineAndTable2() {
        // the step-matched control and Table 2 on the real stack: one run whose baseline trains the PALO arm's steps,
        // and one single-language arm (the tiny run's only target language) evaluated in every language
        Map<String, Object> run = new java.util.HashMap<>(ApiFixtures.tinyRunWithTraining());
        @SuppressWarnings("unchecked")
        Map<String, Object> training = new java.util.HashMap<>((Map<String, Object>) run.get("training"));
        training.put("stepMatchedBaseline", true);
        run.put("training", training);
        String id = given().contentType(ContentType.JSON).body(Map.of("run", run, "finetuneSeeds", List.of(42),
                        "dataSeeds", List.of(ApiFixtures.TINY_STUDY_DATA_SEED), "resamples", 200,
                        "singleLanguageArms", true)).post("/api/studies").then().statusCode(201)
                .extract().path("id");
        await().atMost(STUDY_TIMEOUT).pollInterval(Duration.ofSeconds(10))
                .until(() -> !view(id).status().equals("RUNNING"));
        StudyView study = view(id);
        assertEquals("COMPLETED", study.status(), study.toString());
        String runId = id + "-ft42-data" + ApiFixtures.TINY_STUDY_DATA_SEED;
        assertEquals(List.of(runId + "-only-ar"),
                study.singleLanguageArms().stream().map(arm -> arm.member().runId()).toList());
        assertTrue(study.singleLanguageArms().stream().allMatch(arm -> StudyMemberState.COMPLETED.equals(arm.state())),
                study.toString());
        // the step-matched baseline took as many optimizer steps as the PALO arm
        RunDetail detail = detail(runId);
        assertEquals(finalStep(detail, "palo"), finalStep(detail, "baseline"), detail.toString());

        given().accept("text/markdown").get("/api/studies/" + id + "/report").then().statusCode(200)
                .body(containsString("step-matched")).body(containsString("Table 2"))
                .body(containsString("| ar | Arabic set only |"));
    }

    @Test
    void aStudyWithoutTrainingARepeatedSeedOrAViewerStartsNothing() {
        Map<String, Object> untrained = new java.util.HashMap<>(ApiFixtures.tinyRunWithTraining());
        untrained.remove("training");
        given().contentType(ContentType.JSON).body(Map.of("run", untrained)).post("/api/studies").then()
                .statusCode(400).body("error", containsString("training"));
        given().contentType(ContentType.JSON).body(Map.of("run", ApiFixtures.tinyRunWithTraining(),
                        "finetuneSeeds", List.of(42, 42))).post("/api/studies").then()
                .statusCode(400).body("error", containsString("finetuneSeeds"));
        given().contentType(ContentType.JSON).body(Map.of("finetuneSeeds", List.of(42))).post("/api/studies").then()
                .statusCode(400).body("error", containsString("run"));
        given().header("Authorization", "Bearer " + Tokens.of("vera", Roles.VIEWER)).contentType(ContentType.JSON)
                .body(Map.of("run", ApiFixtures.tinyRunWithTraining())).post("/api/studies").then().statusCode(403);
        // every role lists the studies; a limit that is no number is refused with the parameter's name
        given().header("Authorization", "Bearer " + Tokens.of("vera", Roles.VIEWER)).get("/api/studies").then()
                .statusCode(200);
        given().get("/api/studies?limit=many").then().statusCode(400).body("error", containsString("limit"));
        given().get("/api/studies/no-such-study").then().statusCode(404)
                .body("error", containsString("no-such-study"));
        given().get("/api/studies/no-such-study/report").then().statusCode(404);
        given().post("/api/studies/no-such-study/cancel").then().statusCode(404);
        given().header("Authorization", "Bearer " + Tokens.of("vera", Roles.VIEWER))
                .post("/api/studies/no-such-study/cancel").then().statusCode(403);
    }

    @Test
    void aStudyCancelledWhileItsFirstRunRunsEndsCanceledWithThatRun() {
        // the run computes its fine-tunes, so it is still running when cancelled
        long seed = ApiFixtures.unusedFinetuneSeed();
        String id = ApiFixtures.startTinyStudy(List.of(seed, seed + 1), 200);
        await().atMost(ApiFixtures.STUDY_CANCEL_TIMEOUT).until(() -> !view(id).runs().isEmpty()
                && StudyMemberState.RUNNING.equals(view(id).runs().get(0).state()));

        given().post("/api/studies/" + id + "/cancel").then().statusCode(202).body("id", is(id));

        await().atMost(ApiFixtures.STUDY_CANCEL_TIMEOUT).pollInterval(Duration.ofSeconds(1))
                .until(() -> !view(id).status().equals("RUNNING"));
        StudyView study = view(id);
        assertEquals("CANCELED", study.status(), study.toString());
        assertEquals(List.of(StudyMemberState.CANCELED, StudyMemberState.CANCELED),
                study.runs().stream().map(StudyMemberState::state).toList());
        String first = study.runs().get(0).member().runId();
        assertEquals("CANCELED", detail(first).status());
        given().get("/api/runs/" + study.runs().get(1).member().runId()).then().statusCode(404);
        given().get("/api/studies/" + id + "/report").then().statusCode(409);
        given().post("/api/studies/" + id + "/cancel").then().statusCode(409).body("error", containsString("CANCELED"));
    }

    /** The final loss the run's fine-tune of {@code arm} reported. */
    private static double finalLoss(RunDetail run, String arm) {
        return finetuneMetric(run, arm, "train.final_loss");
    }

    private static double finalStep(RunDetail run, String arm) {
        return finetuneMetric(run, arm, "train.steps");
    }

    private static double finetuneMetric(RunDetail run, String arm, String metric) {
        return run.stages().stream().filter(s -> s.stage().equals("finetune") && arm.equals(s.label())).findFirst()
                .map(s -> s.metrics().get(metric))
                .orElseThrow(() -> new AssertionError("no finetune " + arm + " among " + run.stages()));
    }

    private static StudyView view(String id) {
        return given().accept(ContentType.JSON).get("/api/studies/" + id).then().statusCode(200).extract()
                .as(StudyView.class);
    }
}
