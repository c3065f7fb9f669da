package dev.palo.services;

import static dev.palo.services.support.ApiFixtures.cancelIfRunning;
import static dev.palo.services.support.ApiFixtures.detail;
import static dev.palo.services.support.ApiFixtures.humanReview;
import static dev.palo.services.support.ApiFixtures.request;
import static dev.palo.services.support.ApiFixtures.start;
import static dev.palo.services.support.ApiFixtures.uploadEnglish;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import dev.palo.services.auth.Roles;
import dev.palo.services.runs.StageProgress;
import dev.palo.services.support.EmbeddedStackResource;
import dev.palo.services.support.FakeChatResource;
import dev.palo.services.support.Tokens;
import dev.palo.workflows.translation.translate.TranslateActivities;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.temporal.api.common.v1.Payloads;
import io.temporal.client.WorkflowClient;
import jakarta.inject.Inject;
import java.net.URL;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Retrying a run that ended unsuccessfully, against the running app and stack: a canceled run is started again with
 * the very same request as a new run, whose unchanged stages are cache hits, and which runs to completion.
 */
@QuarkusTest
@QuarkusTestResource(EmbeddedStackResource.class)
class RunRetryApiIT {
    private static final Duration TIMEOUT = Duration.ofSeconds(90);

    @TestHTTPResource("/test-llm/v1")
    URL chatUrl;
    @Inject
    WorkflowClient client;

    @Test
    void aCanceledRunIsRetriedWithTheSameRequestToCompletion() {
        Map<String, Object> body = request(chatUrl, uploadEnglish(), List.of("ar"), FakeChatResource.MODEL);
        body.put("review", humanReview(1));  // the run waits for a person after its machine stages
        String id = start(body).statusCode(201).extract().path("id");
        String retryId = null;
        try {
            awaitOpenReview(id);
            given().post("/api/runs/" + id + "/retry").then().statusCode(409).contentType(ContentType.JSON)
                    .body("error", containsString("is RUNNING"));
            given().post("/api/runs/" + id + "/cancel").then().statusCode(202);
            await().atMost(TIMEOUT).until(() -> detail(id).status().equals("CANCELED"));

            String operator = "Bearer " + Tokens.of("olga", Roles.OPERATOR);
            retryId = given().header("Authorization", operator).post("/api/runs/" + id + "/retry").then()
                    .statusCode(201).header("Location", containsString("/api/runs/run-"))
                    .body("retry.of", equalTo(id)).body("retry.by", equalTo("olga")).extract().path("id");
            assertNotEquals(id, retryId);
            assertEquals(startInput(id), startInput(retryId), "the retry's request differs from the original's");

            // what the canceled run did is not done again
            awaitOpenReview(retryId);
            String retrying = retryId;
            // the run's view is cached for a few seconds: wait for one that shows the stage
            StageProgress translate = await().atMost(TIMEOUT).until(() -> translate(retrying),
                    stage -> stage != null && stage.status().equals("COMPLETED"));
            assertEquals(Boolean.TRUE, translate.cacheHit(), translate.toString());

            String task = given().get("/api/runs/" + retryId + "/languages/ar/review").then().statusCode(200)
                    .extract().path("pendingTaskIds[0]");
            given().contentType(ContentType.JSON).body(Map.of("verdict", "ACCEPT")).post("/api/runs/" + retryId
                    + "/languages/ar/review/tasks/" + task + "/decision").then().statusCode(200);
            String retried = retryId;
            await().atMost(TIMEOUT).until(() -> detail(retried).status().equals("COMPLETED"));
            given().post("/api/runs/" + retryId + "/retry").then().statusCode(409)
                    .body("error", containsString("is COMPLETED"));

            String today = LocalDate.now(ZoneOffset.UTC).toString();
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().get("/api/audit?date=" + today).then()
                    .statusCode(200).body(containsString("\"who\":\"olga\""))
                    .body(containsString("\"path\":\"/api/runs/" + id + "/retry\"")));
        } finally {
            cancelIfRunning(id);
            if (retryId != null) {
                cancelIfRunning(retryId);
            }
        }
    }

    @Test
    void anUnknownRunIsA404() {
        given().post("/api/runs/no-such-run/retry").then().statusCode(404).contentType(ContentType.JSON)
                .body("error", containsString("no-such-run"));
    }

    private static void awaitOpenReview(String id) {
        await().atMost(TIMEOUT).until(() -> "OPEN".equals(given().get("/api/runs/" + id + "/languages/ar/review")
                .then().extract().path("state")));
    }

    private static StageProgress translate(String runId) {
        return detail(runId).languages().stream().flatMap(language -> language.stages().stream())
                .filter(stage -> stage.stage().equals(TranslateActivities.STAGE)).findFirst().orElse(null);
    }

    private Payloads startInput(String runId) {
        return client.fetchHistory(runId).getEvents().get(0).getWorkflowExecutionStartedEventAttributes().getInput();
    }
}
