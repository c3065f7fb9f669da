package dev.palo.services;

import static dev.palo.services.support.ApiFixtures.humanReview;
import static dev.palo.services.support.ApiFixtures.detail;
import static dev.palo.services.support.ApiFixtures.qa;
import static dev.palo.services.support.ApiFixtures.request;
import static dev.palo.services.support.ApiFixtures.start;
import static dev.palo.services.support.ApiFixtures.uploadEnglish;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.palo.services.auth.Roles;
import dev.palo.services.runs.LanguageProgress;
import dev.palo.services.runs.RunDetail;
import dev.palo.services.support.EmbeddedStackResource;
import dev.palo.services.support.FakeChatResource;
import dev.palo.services.support.Tokens;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

/**
 * What a hostile but honest user sends, against the real app and stack: every refusal is a 4xx whose body is a JSON
 * message, nothing reaches the store or Temporal in a shape it should not have, and the app stays healthy.
 */
@QuarkusTest
@QuarkusTestResource(EmbeddedStackResource.class)
class HardeningApiIT {
    private static final Duration RUN_TIMEOUT = Duration.ofSeconds(120);

    @TestHTTPResource("/test-llm/v1")
    URL chatUrl;
    @TestHTTPResource("/")
    URL app;

    /**
     * A caller's run starts are limited per minute; refused starts count (they start nothing, but a script probing with
     * them is held too), and the dashboard's start form shares the API's limit and shows its message.
     */
    @Test
    void runStartsOverTheCallersLimitAreA429NamingTheLimitThroughTheApiAndTheDashboardsForm() {
        int perMinute = ConfigProvider.getConfig().getValue("palo.auth.run-starts-per-minute", Integer.class);
        String bearer = "Bearer " + Tokens.of("lena-limits-" + UUID.randomUUID(), Roles.OPERATOR);
        Map<String, Object> unknownLanguage = Map.of("data", "mini:tiny", "languages", List.of("xx"));
        for (int i = 0; i < perMinute; i++) {
            given().header("Authorization", bearer).contentType(ContentType.JSON).body(unknownLanguage)
                    .post("/api/runs").then().statusCode(400).body("error", containsString("xx"));
        }
        given().header("Authorization", bearer).contentType(ContentType.JSON).body(unknownLanguage).post("/api/runs")
                .then().statusCode(429).header("Retry-After", "60").contentType(ContentType.JSON)
                .body("error", containsString("started more than " + perMinute + " runs in a minute"));
        given().header("Authorization", bearer).header("HX-Request", "true").contentType(ContentType.URLENC)
                .formParam("data", "mini:tiny").formParam("languages", "ar").post("/ui/runs").then().statusCode(429)
                .body(containsString("started more than " + perMinute + " runs in a minute"));
    }

    @Test
    void aSourceKeyThatLeavesItsFolderIsA400() {
        start(request(chatUrl, "s3://palo/../../etc/passwd", List.of("ar"), FakeChatResource.MODEL)).statusCode(400)
                .contentType(ContentType.JSON).body("error", containsString("'..' segment"));
        start(request(chatUrl, "s3://palo/datasets//x.json", List.of("ar"), FakeChatResource.MODEL)).statusCode(400)
                .contentType(ContentType.JSON).body("error", containsString("empty segment"));
    }

    @Test
    void datasetNamesOfDotsAloneAreA400() {
        for (String name : List.of("..", ".", "a/b.json")) {
            given().contentType(ContentType.JSON).body("[]").queryParam("name", name).post("/api/datasets").then()
                    .statusCode(400).contentType(ContentType.JSON).body("error", containsString("file name"));
        }
    }

    @Test
    void malformedQueryParametersAreA400NotA404() {
        given().get("/api/runs?limit=abc").then().statusCode(400).contentType(ContentType.JSON)
                .body("error", containsString("limit"));
        given().get("/api/runs?limit=0").then().statusCode(400).contentType(ContentType.JSON);
    }

    @Test
    void overLongAndMalformedIdsAreA400WithTheirFormat() {
        given().get("/api/runs/" + "r".repeat(5_000)).then().statusCode(400).contentType(ContentType.JSON)
                .body("error", containsString("5000 characters"));
        given().get("/api/runs/run-1/languages/x..y/review").then().statusCode(400).contentType(ContentType.JSON)
                .body("error", containsString("language"));
        given().get("/api/runs/run-1/languages/ar/review/tasks/%3Bdrop").then().statusCode(400)
                .contentType(ContentType.JSON).body("error", containsString("taskId"));
    }

    @Test
    void aBodyOverTheLimitIsRefusedBeforeItIsReadWithAJsonMessage() throws IOException {
        String response = rawPost("/api/datasets?name=big.json", 60L * 1024 * 1024);
        assertTrue(response.startsWith("HTTP/1.1 413"), response);
        assertTrue(response.contains("application/json") && response.contains("\"error\"")
                && response.contains("max-body-size"), response);
        given().get("/q/health/ready").then().statusCode(200);
    }

    /** Record-level judgement is the validate stage's: a well-formed array is stored whatever its records hold. */
    @Test
    void uploadTakesAnyWellFormedArrayAndRefusesTheRestWithTheByteOffset() {
        given().contentType(ContentType.JSON).body("[{\"id\": \"ok\", \"conversations\": []}, 42, \"not a record\"]")
                .post("/api/datasets?name=mixed.json").then().statusCode(200).body("recordCount", equalTo(3));
        given().contentType(ContentType.JSON).body("[{\"id\": \"a\"}, {\"id\": ")
                .post("/api/datasets?name=cut.json").then().statusCode(400).contentType(ContentType.JSON)
                .body("error", containsString("byte"));
        given().contentType(ContentType.JSON).body("{\"id\": \"not-an-array\"}")
                .post("/api/datasets?name=object.json").then().statusCode(400)
                .body("error", containsString("not a JSON array")).body("error", containsString("byte 0"));
    }

    /** The fake endpoint echoes bracketed English, which QA flags: the language is below any floor. */
    @Test
    void aLanguageBelowItsFloorFailsTheRunWithItsQaCounts() {
        RunDetail run = arabicBelowFloor("FAIL");

        assertEquals("FAILED", run.status(), run.toString());
        LanguageProgress arabic = run.languages().get(0);
        assertTrue(arabic.failure().contains("passed QA") && arabic.failure().contains("qa."),
                arabic.toString());
    }

    @Test
    void aLanguageBelowItsFloorGoesOnWithAWarningWhenTheRunSaysSo() {
        RunDetail run = arabicBelowFloor("WARN");

        assertEquals("COMPLETED", run.status(), run.toString());
        List<String> warnings = run.languages().get(0).warnings();
        assertEquals(1, warnings.size(), run.toString());
        assertTrue(warnings.get(0).contains("below the floor of 50%"), warnings.toString());
        given().accept(ContentType.TEXT).get("/api/runs/" + run.id()).then().body(containsString("warning:"));
    }

    /** An Arabic run through the echoing endpoint, no review, a 50% floor and {@code onLowYield}; once it ended. */
    private RunDetail arabicBelowFloor(String onLowYield) {
        Map<String, Object> body = request(chatUrl, uploadEnglish(), List.of("ar"), FakeChatResource.MODEL);
        body.put("review", humanReview(0));
        body.put("qa", qa(0.5, onLowYield));
        return ended(start(body).statusCode(201).extract().path("id"));
    }

    private static RunDetail ended(String id) {
        await().atMost(RUN_TIMEOUT).pollInterval(Duration.ofMillis(500))
                .until(() -> !detail(id).status().equals("RUNNING"));
        return detail(id);
    }

    /** A request that declares a large body and sends none of it: what a client would see before streaming it. */
    private String rawPost(String path, long declaredLength) throws IOException {
        try (Socket socket = new Socket(app.getHost(), app.getPort())) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(("POST " + path + " HTTP/1.1\r\nHost: " + app.getHost() + "\r\nContent-Type: application/json\r\n"
                    + "Content-Length: " + declaredLength + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            byte[] buffer = new byte[4096];
            StringBuilder response = new StringBuilder();
            int read;
            while ((read = in.read(buffer)) > 0) {
                response.append(new String(buffer, 0, read, StandardCharsets.UTF_8));
                if (response.indexOf("}") >= 0) {
                    break;
                }
            }
            return response.toString();
        }
    }
}
