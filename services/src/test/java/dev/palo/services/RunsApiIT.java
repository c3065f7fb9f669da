package dev.palo.services;

import static dev.palo.services.support.ApiFixtures.SAMPLES;
import static dev.palo.services.support.ApiFixtures.cancelIfRunning;
import static dev.palo.services.support.ApiFixtures.detail;
import static dev.palo.services.support.ApiFixtures.englishJson;
import static dev.palo.services.support.ApiFixtures.request;
import static dev.palo.services.support.ApiFixtures.start;
import static dev.palo.services.support.ApiFixtures.upload;
import static dev.palo.services.support.ApiFixtures.uploadEnglish;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.palo.services.runs.LanguageProgress;
import dev.palo.services.runs.RunDetail;
import dev.palo.services.runs.RunQueries;
import dev.palo.services.runs.StageProgress;
import dev.palo.services.support.EmbeddedStackResource;
import dev.palo.services.support.FakeChatResource;
import dev.palo.workflows.postedit.PostEditActivities;
import dev.palo.workflows.translation.translate.TranslateActivities;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.temporal.client.WorkflowClient;
import jakarta.inject.Inject;
import java.net.URL;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * The API against the real servers of {@code ./palo up}, with the app's own worker running the
 * pipelines and a fake chat endpoint (served by the app) doing the translation.
 */
@QuarkusTest
@QuarkusTestResource(EmbeddedStackResource.class)
class RunsApiIT {
    private static final Duration RUN_TIMEOUT = Duration.ofSeconds(90);

    @TestHTTPResource("/test-llm/v1")
    URL chatUrl;
    @Inject
    WorkflowClient client;

    @Test
    void startedRunIsListedAndProgressesStageByStage() {
        String id = start(request(chatUrl, uploadEnglish(), List.of("ar", "hi"), FakeChatResource.MODEL))
                .statusCode(201).header("Location", containsString("/api/runs/")).extract().path("id");
        try {
            await().atMost(RUN_TIMEOUT).untilAsserted(() -> given().get("/api/runs").then().statusCode(200)
                    .body("id", hasItem(id)));
            // the list says who started it, its languages and data (the run's memo), and filters by language
            given().get("/api/runs?language=hi").then().statusCode(200)
                    .body("find { it.id == '" + id + "' }.trigger", equalTo("API"))
                    .body("find { it.id == '" + id + "' }.languages", equalTo(List.of("ar", "hi")))
                    .body("find { it.id == '" + id + "' }.data", startsWith("s3://"));
            given().get("/api/runs?language=zh").then().statusCode(200).body("id", not(hasItem(id)));
            // The stages before human review need no person: both languages get through them.
            AtomicReference<RunDetail> seen = new AtomicReference<>();
            await().atMost(RUN_TIMEOUT).pollInterval(Duration.ofMillis(500)).until(() -> {
                seen.set(detail(id));
                return seen.get().languages().stream().allMatch(RunsApiIT::machineStagesDone);
            });

            RunDetail run = seen.get();
            assertEquals(List.of("ar", "hi"), run.languages().stream().map(LanguageProgress::language).toList());
            for (LanguageProgress language : run.languages()) {
                List<StageProgress> stages = language.stages();
                assertEquals(List.of(TranslateActivities.STAGE, PostEditActivities.STAGE),
                        stages.subList(0, 2).stream().map(StageProgress::stage).toList());
                for (StageProgress stage : stages.subList(0, 2)) {
                    assertEquals((double) SAMPLES, stage.metrics().get("samples"), stage.toString());
                    assertEquals(Boolean.FALSE, stage.cacheHit());
                }
                // the work each stage had to do, known when it started: chunks of 2 records, then records
                assertEquals(2L, stages.get(0).total(), stages.get(0).toString());
                assertEquals("chunks", stages.get(0).unit());
                assertEquals((long) SAMPLES, stages.get(1).total(), stages.get(1).toString());
                assertEquals("records", stages.get(1).unit());
            }
            assertTrue(run.links().mlflow().endsWith("/#/runs/" + run.trackingRunId()), run.links().toString());
            assertTrue(run.links().temporal().endsWith(
                    "/namespaces/" + EmbeddedStackResource.NAMESPACE + "/workflows/" + id), run.links().toString());
            given().accept(ContentType.TEXT).get("/api/runs/" + id).then().statusCode(200)
                    .body(containsString("run " + id + "  "))
                    .body(containsString(PostEditActivities.STAGE + "    COMPLETED"))
                    .body(containsString(run.links().mlflow()));
        } finally {
            cancelIfRunning(id);
        }
    }

    private static boolean machineStagesDone(LanguageProgress language) {
        return language.stages().stream().filter(stage -> stage.status().equals("COMPLETED"))
                .map(StageProgress::stage).toList().containsAll(List.of(TranslateActivities.STAGE, PostEditActivities.STAGE));
    }

    @Test
    void unknownLanguageIsRejectedBeforeAnythingStarts() throws Exception {
        String source = uploadEnglish();
        long before = pipelineCount();

        start(request(chatUrl, source, List.of("ar", "tlh"), FakeChatResource.MODEL)).statusCode(400)
                .body("error", containsString("tlh")).body("error", containsString("known codes"));

        // A started run would be visible at once; the count is checked again after a pause to be sure.
        assertEquals(before, pipelineCount());
        Thread.sleep(1_000);
        assertEquals(before, pipelineCount());
    }

    @Test
    void aSecretInTheBodyIsRefusedWithoutEchoingIt() {
        Map<String, Object> request = request(chatUrl, uploadEnglish(), List.of("ar"), FakeChatResource.MODEL);
        @SuppressWarnings("unchecked")
        Map<String, Object> translate = (Map<String, Object>) request.get("translate");
        translate.put("apiKey", "sk-should-never-be-accepted");

        String error = start(request).statusCode(400).extract().path("error");

        assertTrue(error.contains("apiKey") && error.contains("apiKeySecret"), error);
        assertTrue(!error.contains("sk-should-never-be-accepted"), error);
    }

    @Test
    void aDatasetConfigWithoutRecordsPerShardIsRefusedNamingTheField() {
        Map<String, Object> request = request(chatUrl, uploadEnglish(), List.of("ar"), FakeChatResource.MODEL);
        request.put("dataset", Map.of("seed", 7, "shardSize", 0));
        long before = pipelineCount();

        start(request).statusCode(400).body("error", containsString("dataset"))
                .body("error", containsString("shardSize must be > 0"));

        assertEquals(before, pipelineCount());
    }

    @Test
    void missingSourceAndUnknownRunAreClearErrors() {
        start(request(chatUrl, "s3://palo/services-it/missing-" + UUID.randomUUID() + ".json", List.of("ar"), FakeChatResource.MODEL))
                .statusCode(400).body("error", containsString("does not exist"));
        given().get("/api/runs/no-such-run").then().statusCode(404).body("error", containsString("no-such-run"));

        // a translation source must exist too, and goes with source only (PALO-mini brings its own)
        Map<String, Object> missingSubset = request(chatUrl, uploadEnglish(), List.of("ar"), FakeChatResource.MODEL);
        missingSubset.put("translationSource", "s3://palo/services-it/missing-" + UUID.randomUUID() + ".json");
        start(missingSubset).statusCode(400).body("error", containsString("does not exist"));
        Map<String, Object> withMini = new java.util.HashMap<>(Map.of("data", "mini:tiny", "languages", List.of("ar"),
                "translationSource", uploadEnglish()));
        start(withMini).statusCode(400).body("error", containsString("translationSource goes with source"));
    }

    @Test
    void cancelStopsARunningRun() {
        String id = start(request(chatUrl, uploadEnglish(), List.of("ar"), FakeChatResource.SLOW_MODEL))
                .statusCode(201).extract().path("id");

        given().post("/api/runs/" + id + "/cancel").then().statusCode(202);

        await().atMost(RUN_TIMEOUT).until(() -> detail(id).status().equals("CANCELED"));
        given().post("/api/runs/" + id + "/cancel").then().statusCode(409)
                .body("error", containsString("already CANCELED"));
    }

    @Test
    void openApiDocumentListsTheEndpoints() {
        given().accept(ContentType.JSON).get("/q/openapi").then().statusCode(200)
                .body("paths", hasKey("/api/runs"))
                .body("paths", hasKey("/api/runs/{id}"))
                .body("paths", hasKey("/api/runs/{id}/cancel"))
                .body("paths", hasKey("/api/datasets"))
                .body("paths", hasKey("/api/runs/{id}/languages/{language}/review/tasks/{taskId}/decision"))
                .body("paths.'/api/runs'", hasKey("post"));
    }

    private long pipelineCount() {
        return client.countWorkflows("WorkflowType = '" + RunQueries.PIPELINE_TYPE + "'").getCount();
    }

    @Test
    void datasetUploadIsCheckedAndStoredOncePerContent() {
        String json = englishJson(UUID.randomUUID().toString());

        String uri = upload(json).statusCode(200).body("recordCount", equalTo(SAMPLES))
                .body("uri", startsWith("s3://")).extract().path("uri");

        upload(json).statusCode(200).body("uri", equalTo(uri));
        given().contentType(ContentType.JSON).body("{\"id\": \"not-an-array\"}").post("/api/datasets?name=bad.json")
                .then().statusCode(400).body("error", containsString("bad.json"));
    }

}
