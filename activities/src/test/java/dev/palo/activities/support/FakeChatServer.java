package dev.palo.activities.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An OpenAI-compatible chat endpoint on 127.0.0.1 whose "translation" is deterministic:
 * {@code [Language] text}, the language read from the system prompt. It can answer the first
 * attempt of chosen requests with 429 (with Retry-After) or 500, and counts what it served.
 */
public final class FakeChatServer implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern TARGET = Pattern.compile("into (\\S+)\\.");

    private final HttpServer server;
    private final AtomicInteger requests = new AtomicInteger();
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicInteger maxInFlight = new AtomicInteger();
    /** Successful answers per distinct prompt: more than one would mean a duplicated result. */
    public final Map<String, AtomicInteger> answered = new ConcurrentHashMap<>();
    public final List<Integer> failuresServed = new CopyOnWriteArrayList<>();
    public final List<String> authorizations = new CopyOnWriteArrayList<>();
    /** The model named by each request, in arrival order. */
    public final List<String> models = new CopyOnWriteArrayList<>();
    private volatile int failEvery;
    private volatile String retryAfter = "0";
    private volatile int permanentStatus;
    private volatile long answerDelayMillis = 5;

    public FakeChatServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/v1/chat/completions", this::handle);
        server.setExecutor(Executors.newFixedThreadPool(16));
        server.start();
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/v1";
    }

    /** Every {@code n}-th request fails once, alternating 429 and 500; 0 turns failures off. */
    public void failEvery(int n, String retryAfterHeader) {
        failEvery = n;
        retryAfter = retryAfterHeader;
    }

    /** Answers every request with this status (e.g. 401), or 0 for normal answers. */
    public void answerAlways(int status) {
        permanentStatus = status;
    }

    /** How long each answer takes: slow answers let a test interrupt a stage between its chunks. */
    public void answerDelay(Duration delay) {
        answerDelayMillis = delay.toMillis();
    }

    public int requests() {
        return requests.get();
    }

    public int maxInFlight() {
        return maxInFlight.get();
    }

    public static String translation(String languageName, String text) {
        return "[" + languageName + "] " + text;
    }

    private void handle(HttpExchange exchange) throws IOException {
        int current = inFlight.incrementAndGet();
        maxInFlight.accumulateAndGet(current, Math::max);
        try {
            int number = requests.incrementAndGet();
            authorizations.add(String.valueOf(exchange.getRequestHeaders().getFirst("Authorization")));
            JsonNode request = JSON.readTree(exchange.getRequestBody());
            models.add(request.path("model").asText());
            if (permanentStatus != 0) {
                respond(exchange, permanentStatus, "{\"error\":{\"message\":\"refused\"}}");
                return;
            }
            if (failEvery > 0 && number % failEvery == 0) {
                int status = (number / failEvery) % 2 == 1 ? 429 : 500;
                failuresServed.add(status);
                if (status == 429) {
                    exchange.getResponseHeaders().add("Retry-After", retryAfter);
                }
                respond(exchange, status, "{\"error\":{\"message\":\"injected\"}}");
                return;
            }
            Thread.sleep(answerDelayMillis);
            String system = request.path("messages").path(0).path("content").asText();
            String text = request.path("messages").path(1).path("content").asText();
            Matcher target = TARGET.matcher(system);
            String language = target.find() ? target.group(1) : "?";
            answered.computeIfAbsent(language + "|" + text, k -> new AtomicInteger()).incrementAndGet();
            String answer = JSON.createObjectNode().set("choices", JSON.createArrayNode().add(
                    JSON.createObjectNode().set("message", JSON.createObjectNode()
                            .put("role", "assistant").put("content", translation(language, text))))).toString();
            respond(exchange, 200, answer);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            inFlight.decrementAndGet();
            exchange.close();
        }
    }

    private static void respond(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
