package dev.palo.activities.worker;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.function.BooleanSupplier;

/**
 * A standalone worker's Prometheus endpoint, {@code GET /q/metrics} (the services app's path), and a liveness
 * answer at {@code /q/health/live}, on {@code PALO_METRICS_HOST:PALO_METRICS_PORT}; off unless the port is set
 * (several local workers would otherwise fight over one port). The JDK's own HTTP server: two read-only paths
 * need no framework.
 */
public final class MetricsEndpoint implements AutoCloseable {
    public static final String METRICS_PATH = "/q/metrics";
    public static final String LIVE_PATH = "/q/health/live";
    private static final String PROMETHEUS_TEXT = "text/plain; version=0.0.4; charset=utf-8";

    private final HttpServer server;

    private MetricsEndpoint(HttpServer server) {
        this.server = server;
    }

    /** A new registry for a worker process; {@code PrometheusMeterRegistry} is also a plain Micrometer registry. */
    public static PrometheusMeterRegistry registry() {
        return new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    }

    /**
     * Serves {@code registry} at {@code address} (port 0: any free port), the worker's
     * {@link WorkerEnvironment#metricsAddress()}; {@code live} answers liveness.
     */
    public static MetricsEndpoint start(InetSocketAddress address, PrometheusMeterRegistry registry,
                                        BooleanSupplier live) throws IOException {
        HttpServer server = HttpServer.create(address, 0);
        server.createContext(METRICS_PATH, exchange -> answer(exchange, 200, PROMETHEUS_TEXT, registry.scrape()));
        server.createContext(LIVE_PATH, exchange -> answer(exchange, live.getAsBoolean() ? 200 : 503,
                "application/json", live.getAsBoolean() ? "{\"status\":\"UP\"}" : "{\"status\":\"DOWN\"}"));
        server.start();
        return new MetricsEndpoint(server);
    }

    public int port() {
        return server.getAddress().getPort();
    }

    private static void answer(HttpExchange exchange, int status, String type, String body) throws IOException {
        try (exchange) {
            if (!"GET".equals(exchange.getRequestMethod())) {
                exchange.sendResponseHeaders(405, -1);
                return;
            }
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", type);
            exchange.sendResponseHeaders(status, bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
