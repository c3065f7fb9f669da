package dev.palo.services.metrics;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.palo.services.support.EmbeddedStackResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.net.URL;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/**
 * The app's Prometheus endpoint against the real stack: {@code /q/metrics} on the management port, read without a
 * token, holds the Temporal SDK's client and worker metrics and PALO's own (the task-queue backlog that Temporal
 * reports); the API port does not serve it.
 */
@QuarkusTest
@QuarkusTestResource(EmbeddedStackResource.class)
class MetricsIT {
    /** The SDK's tally scope reports every 10 s: the first scrape may come before it. */
    private static final Duration FIRST_REPORT = Duration.ofSeconds(40);
    private static final Pattern BACKLOG = Pattern.compile(
            "(?m)^palo_taskqueue_backlog\\{[^}]*queue=\"palo-gpu\"[^}]*type=\"activity\"[^}]*} (\\S+)$");

    /** The management interface's own address (its root path included). */
    @TestHTTPResource(value = "metrics", management = true)
    URL metrics;

    @Test
    void prometheusReadsTemporalAndPaloMetricsOnTheManagementPortWithoutAToken() {
        Awaitility.await().atMost(FIRST_REPORT).pollInterval(Duration.ofSeconds(2)).until(() -> {
            String text = scrape();
            return text.contains("temporal_request_total") && text.contains("temporal_num_pollers");
        });
        String text = scrape();
        Matcher backlog = BACKLOG.matcher(text);
        assertTrue(backlog.find(), "no palo-gpu activity backlog in:\n" + text);
        double value = Double.parseDouble(backlog.group(1));
        assertTrue(value >= 0, "the backlog is " + value + ": Temporal did not report approximate_backlog_count");
        assertTrue(text.contains("# TYPE palo_stage_duration_seconds") || text.contains("palo_taskqueue_backlog"));
        assertFalse(text.contains(System.getenv().getOrDefault("PALO_S3_SECRET_KEY", "palo-local-secret")),
                "the S3 secret is in the metrics");
    }

    @Test
    void theApiPortDoesNotServeMetrics() {
        given().get("/q/metrics").then().statusCode(404);
    }

    private String scrape() {
        // Prometheus' classic text format (a scraper may also ask for OpenMetrics)
        return given().header("Authorization", "").accept("text/plain").get(metrics).then().statusCode(200)
                .contentType(org.hamcrest.Matchers.startsWith("text/plain")).extract().asString();
    }
}
