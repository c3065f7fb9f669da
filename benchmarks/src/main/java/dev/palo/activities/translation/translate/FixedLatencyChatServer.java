package dev.palo.activities.translation.translate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An OpenAI-compatible chat endpoint on 127.0.0.1 with a known capacity, for
 * {@link TranslateThroughputBenchmark}: each answer holds one of {@code capacity} slots for a fixed
 * {@code latency}; requests beyond the cap queue for a slot (fair order), so the endpoint serves
 * exactly {@code capacity / latency} requests per second at most. It answers with the user text
 * unchanged, so every translation keeps its placeholders and nothing counts as corrupt.
 */
final class FixedLatencyChatServer implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();

    static {
        // The JDK server writes headers and body as two segments; with Nagle on, the body then waits
        // for the client's delayed ACK (~40 ms on Linux) and the latency would not be the one set.
        // Real endpoints (uvicorn, vLLM) set TCP_NODELAY. Read once, when the JDK server first loads.
        System.setProperty("sun.net.httpserver.nodelay", "true");
    }

    private final HttpServer server;
    private final ExecutorService handlers;
    private final Semaphore slots;
    private final long latencyNanos;
    private final AtomicInteger waited = new AtomicInteger();

    FixedLatencyChatServer(int capacity, Duration latency) throws IOException {
        if (capacity <= 0 || latency.isNegative() || latency.isZero()) {
            throw new IllegalArgumentException("capacity and latency must be > 0, got " + capacity + " and " + latency);
        }
        this.slots = new Semaphore(capacity, true);
        this.latencyNanos = latency.toNanos();
        // backlog and handler threads unbounded: the semaphore alone decides what waits
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 1024);
        server.createContext("/v1/chat/completions", this::handle);
        handlers = Executors.newCachedThreadPool();
        server.setExecutor(handlers);
        server.start();
    }

    String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/v1";
    }

    /** Requests that found every slot taken and queued, since the last call; resets the count. */
    int takeWaited() {
        return waited.getAndSet(0);
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            JsonNode request = JSON.readTree(exchange.getRequestBody());
            if (!slots.tryAcquire()) {
                waited.incrementAndGet();
                slots.acquire();
            }
            try {
                Thread.sleep(Duration.ofNanos(latencyNanos).toMillis(), (int) (latencyNanos % 1_000_000));
            } finally {
                slots.release();
            }
            String text = request.path("messages").path(1).path("content").asText();
            byte[] answer = JSON.writeValueAsBytes(JSON.createObjectNode().set("choices", JSON.createArrayNode()
                    .add(JSON.createObjectNode().set("message", JSON.createObjectNode()
                            .put("role", "assistant").put("content", text)))));
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, answer.length);
            exchange.getResponseBody().write(answer);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        server.stop(0);
        handlers.shutdownNow();
    }
}
