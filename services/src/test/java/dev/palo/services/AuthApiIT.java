package dev.palo.services;

import static dev.palo.services.support.ApiFixtures.humanReview;
import static dev.palo.services.support.ApiFixtures.request;
import static dev.palo.services.support.ApiFixtures.uploadEnglish;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.palo.services.auth.Roles;
import dev.palo.services.support.EmbeddedStackResource;
import dev.palo.services.support.FakeChatResource;
import dev.palo.services.support.Tokens;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import java.net.URL;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Who may do what, against the running app and stack: every endpoint without a token, with a bad one and with each
 * role; a reviewer confined to their languages through the API; decisions signed by the token; the audit trail.
 */
@QuarkusTest
@QuarkusTestResource(EmbeddedStackResource.class)
class AuthApiIT {
    private static final Duration TIMEOUT = Duration.ofSeconds(90);

    @TestHTTPResource("/test-llm/v1")
    URL chatUrl;

    /** Method, path, body, and the roles that may call it (the rest get 403). */
    private record Call(String method, String path, String body, List<String> allowed) {
    }

    private static final List<String> EVERYONE = List.of(Roles.ADMIN, Roles.OPERATOR, Roles.REVIEWER, Roles.VIEWER);
    private static final List<String> OPERATORS = List.of(Roles.ADMIN, Roles.OPERATOR);
    private static final List<Call> MATRIX = List.of(
            new Call("GET", "/api/runs", null, EVERYONE),
            new Call("GET", "/api/runs/no-such-run", null, EVERYONE),
            new Call("GET", "/api/languages", null, EVERYONE),
            // a body the API refuses after the role check: 400 proves the call got past it, nothing starts
            new Call("POST", "/api/runs", "{}", OPERATORS),
            new Call("POST", "/api/runs/no-such-run/cancel", null, OPERATORS),
            new Call("POST", "/api/runs/no-such-run/retry", null, OPERATORS),
            new Call("POST", "/api/datasets?name=x.json", "{}", OPERATORS),
            new Call("GET", "/api/audit", null, List.of(Roles.ADMIN)),
            new Call("GET", "/api/runs/no-such-run/languages/ar/review", null, EVERYONE),
            new Call("POST", "/api/runs/no-such-run/languages/ar/review/tasks/t1/decision", "{\"verdict\": \"ACCEPT\"}",
                    List.of(Roles.ADMIN, Roles.REVIEWER)));

    @Test
    void everyEndpointRefusesNoTokenAndBadTokensWithA401() {
        String wrongKey = "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJtYWxsb3J5IiwiZ3JvdXBzIjpbImFkbWluIl19.c2lnbmF0dXJl";
        String expired = Tokens.of("late", Roles.ADMIN, Duration.ofSeconds(-60));
        for (Call call : MATRIX) {
            for (String token : new String[] {"", "Bearer " + wrongKey, "Bearer " + expired, "Bearer not-a-jwt"}) {
                var answer = send(call, token).extract();
                assertEquals(401, answer.statusCode(), call + " with '" + token + "': " + answer.asString());
                assertTrue(answer.asString().contains("bearer token"), answer.asString());
            }
        }
    }

    @Test
    void eachRoleGetsThroughOrA403AsTheMatrixSays() {
        for (String role : EVERYONE) {
            String[] languages = role.equals(Roles.REVIEWER) ? new String[] {"ar"} : new String[0];
            String token = "Bearer " + Tokens.of("matrix-" + role, role, languages);
            for (Call call : MATRIX) {
                int status = send(call, token).extract().statusCode();
                if (call.allowed().contains(role)) {
                    assertTrue(status != 401 && status != 403, role + " " + call + " answered " + status);
                } else {
                    assertEquals(403, status, role + " " + call);
                }
            }
        }
    }

    @Test
    void anArabicReviewerDecidesArabicSignedByTheTokenAndIsRefusedHindi() {
        Map<String, Object> body = request(chatUrl, uploadEnglish(), List.of("ar", "hi"), FakeChatResource.MODEL);
        body.put("review", humanReview(2));
        String id = given().contentType(ContentType.JSON).body(body).post("/api/runs").then().statusCode(201)
                .extract().path("id");
        String arabic = "Bearer " + Tokens.of("amira", Roles.REVIEWER, "ar");
        try {
            for (String language : List.of("ar", "hi")) {
                await().atMost(TIMEOUT).until(() -> "OPEN".equals(given().get("/api/runs/" + id + "/languages/"
                        + language + "/review").then().extract().path("state")));
            }
            String arTask = given().header("Authorization", arabic).get("/api/runs/" + id
                    + "/languages/ar/review").then().statusCode(200).extract().path("pendingTaskIds[0]");
            given().header("Authorization", arabic).contentType(ContentType.JSON)
                    .body(Map.of("verdict", "ACCEPT")).post("/api/runs/" + id + "/languages/ar/review/tasks/" + arTask
                            + "/decision").then().statusCode(200).body("reviewer", equalTo("amira"));
            // a name in the body is not how a reviewer is named
            given().header("Authorization", arabic).contentType(ContentType.JSON)
                    .body(Map.of("reviewer", "someone-else", "verdict", "ACCEPT")).post("/api/runs/" + id
                            + "/languages/ar/review/tasks/" + arTask + "/decision").then().statusCode(400);

            String hiTask = given().get("/api/runs/" + id + "/languages/hi/review").then().extract()
                    .path("pendingTaskIds[0]");
            given().header("Authorization", arabic).get("/api/runs/" + id + "/languages/hi/review/tasks").then()
                    .statusCode(403).body("error", containsString("amira may not review hi"));
            given().header("Authorization", arabic).contentType(ContentType.JSON)
                    .body(Map.of("verdict", "ACCEPT")).post("/api/runs/" + id + "/languages/hi/review/tasks/" + hiTask
                            + "/decision").then().statusCode(403).body("error", containsString("may not review hi"));
            assertEquals(2, (int) given().get("/api/runs/" + id + "/languages/hi/review").then().extract()
                    .path("pendingTaskIds.size()"), "a refused decision changed the Hindi review");
        } finally {
            given().post("/api/runs/" + id + "/cancel");
        }
    }

    @Test
    void theEmbeddedDefaultOffersTheTokenPasteOnly() {
        given().get("/login").then().statusCode(200).body(containsString("id=\"token\""))
                .body(not(containsString("oidc-login")));
        given().redirects().follow(false).get("/login/oidc").then().statusCode(404);
    }

    @Test
    void stateChangingCallsAreAuditedWithWhoWhatWhenAndResult() {
        String viewer = "Bearer " + Tokens.of("vera", Roles.VIEWER);
        given().header("Authorization", viewer).post("/api/runs/no-such-run/cancel").then().statusCode(403);
        String today = LocalDate.now(ZoneOffset.UTC).toString();
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().get("/api/audit?date=" + today).then()
                .statusCode(200).body(containsString("\"who\":\"vera\""))
                .body(containsString("\"path\":\"/api/runs/no-such-run/cancel\"")).body(containsString("\"status\":403")));
        given().get("/api/audit?date=yesterday").then().statusCode(400).contentType(ContentType.JSON);
    }

    private static ValidatableResponse send(Call call, String authorization) {
        var request = given().header("Authorization", authorization);
        if (call.body() != null) {
            request = request.contentType(ContentType.JSON).body(call.body());
        }
        return (call.method().equals("GET") ? request.get(call.path()) : request.post(call.path())).then();
    }
}
