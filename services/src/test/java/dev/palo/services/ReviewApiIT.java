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
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.palo.services.auth.Roles;
import dev.palo.services.runs.LanguageProgress;
import dev.palo.services.runs.StageProgress;
import dev.palo.services.support.EmbeddedStackResource;
import dev.palo.services.support.FakeChatResource;
import dev.palo.services.support.Tokens;
import dev.palo.workflows.review.ReviewActivities;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.net.URL;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A person's side of a run: the review of one language opens, its tasks are decided, the run goes on. */
@QuarkusTest
@QuarkusTestResource(EmbeddedStackResource.class)
class ReviewApiIT {
    private static final Duration TIMEOUT = Duration.ofSeconds(90);

    @TestHTTPResource("/test-llm/v1")
    URL chatUrl;

    @Test
    void decisionsThroughTheApiCloseTheReviewAndTheRunCompletes() {
        Map<String, Object> body = request(chatUrl, uploadEnglish(), List.of("ar"), FakeChatResource.MODEL);
        body.put("review", humanReview(2));
        String id = start(body).statusCode(201).extract().path("id");
        String review = "/api/runs/" + id + "/languages/ar/review";
        try {
            await().atMost(TIMEOUT).pollInterval(Duration.ofMillis(500)).until(() -> {
                var status = given().get(review).then().extract();
                return status.statusCode() == 200 && "OPEN".equals(status.path("state"));
            });
            List<Map<String, Object>> tasks = given().get(review + "/tasks").then().statusCode(200)
                    .extract().jsonPath().getList("$");
            int expected = given().get(review).then().extract().path("tasks");
            assertEquals(expected, tasks.size());
            assertFalse(tasks.isEmpty());

            given().contentType(ContentType.JSON).body(Map.of("verdict", "ACCEPT"))
                    .post(review + "/tasks/no-such-task/decision").then().statusCode(422)
                    .body("error", containsString("no-such-task"));
            // the first task is decided twice: its history keeps both versions, oldest first
            String first = (String) tasks.get(0).get("taskId");
            // a reviewer of Arabic, named by the token, rejects it; the admin token of the other calls accepts it later
            given().header("Authorization", "Bearer " + Tokens.of("first", Roles.REVIEWER, "ar"))
                    .contentType(ContentType.JSON).body(Map.of("verdict", "REJECT"))
                    .post(review + "/tasks/" + first + "/decision").then().statusCode(200).body("version", equalTo(1));
            given().get(review + "/tasks/" + first + "/versions").then().statusCode(200)
                    .body("version", equalTo(List.of(1))).body("reviewer", equalTo(List.of("first")));
            given().get(review + "/tasks/no-such-task/versions").then().statusCode(404)
                    .body("error", containsString("no-such-task"));
            for (Map<String, Object> task : tasks) {
                String taskId = (String) task.get("taskId");
                int version = taskId.equals(first) ? 2 : 1;
                given().get(review + "/tasks/" + taskId).then().statusCode(200).body("taskId", equalTo(taskId));
                given().contentType(ContentType.JSON).body(Map.of("verdict", "ACCEPT"))
                        .post(review + "/tasks/" + taskId + "/decision").then().statusCode(200)
                        .body("taskId", equalTo(taskId)).body("version", equalTo(version));
            }
            given().get(review + "/tasks/" + first + "/versions").then().statusCode(200)
                    .body("version", equalTo(List.of(1, 2))).body("verdict", equalTo(List.of("REJECT", "ACCEPT")))
                    .body("reviewer", equalTo(List.of("first", "it-admin")));

            await().atMost(TIMEOUT).pollInterval(Duration.ofMillis(500))
                    .until(() -> !detail(id).status().equals("RUNNING"));
            // the dataset arms are built after review, so the run completes only once they are
            assertEquals("COMPLETED", detail(id).status(), detail(id).toString());
            LanguageProgress arabic = detail(id).languages().get(0);
            assertEquals("COMPLETED", arabic.status(), arabic.toString());
            StageProgress reviewStage = arabic.stages().get(arabic.stages().size() - 1);
            assertEquals(ReviewActivities.STAGE, reviewStage.stage());
            assertEquals("COMPLETED", reviewStage.status());
        } finally {
            cancelIfRunning(id);
        }
    }

    @Test
    void unknownRunOrLanguageIsNotFound() {
        given().get("/api/runs/no-such-run/languages/ar/review").then().statusCode(404)
                .body("error", containsString("no-such-run"));
    }
}
