package dev.palo.activities.worker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

class MetricsEndpointTest {
    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void servesPrometheusTextAndLivenessOnlyWhenAPortIsSet() throws Exception {
        PrometheusMeterRegistry registry = MetricsEndpoint.registry();
        registry.counter("palo.test.things", "kind", "x").increment(3);
        AtomicBoolean live = new AtomicBoolean(true);
        assertNull(WorkerEnvironment.read(Map.of()).metricsAddress());
        try (MetricsEndpoint endpoint = MetricsEndpoint.start(
                WorkerEnvironment.read(Map.of("PALO_METRICS_PORT", "0")).metricsAddress(), registry, live::get)) {
            HttpResponse<String> metrics = get(endpoint, MetricsEndpoint.METRICS_PATH, "GET");
            assertEquals(200, metrics.statusCode());
            assertTrue(metrics.headers().firstValue("Content-Type").orElse("").startsWith("text/plain"));
            assertTrue(metrics.body().contains("palo_test_things_total{kind=\"x\"} 3.0"), metrics.body());
            assertEquals(200, get(endpoint, MetricsEndpoint.LIVE_PATH, "GET").statusCode());
            live.set(false);
            assertEquals(503, get(endpoint, MetricsEndpoint.LIVE_PATH, "GET").statusCode());
            assertEquals(405, get(endpoint, MetricsEndpoint.METRICS_PATH, "DELETE").statusCode());
        }
    }

    @Test
    void aPortThatIsNoNumberIsAClearError() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> WorkerEnvironment.read(Map.of("PALO_METRICS_PORT", "metrics")));
        assertTrue(e.getMessage().contains("PALO_METRICS_PORT"), e.getMessage());
    }

    private HttpResponse<String> get(MetricsEndpoint endpoint, String path, String method) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + endpoint.port() + path))
                .method(method, HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
    }
}
