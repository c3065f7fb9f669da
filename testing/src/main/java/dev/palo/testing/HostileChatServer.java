package dev.palo.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An OpenAI-compatible chat endpoint on 127.0.0.1 that behaves like a busy, flaky provider, for tests
 * and benchmarks: a fixed latency per answer; a cap of {@code capacity} answers at once, beyond which
 * a request either queues for a slot or is answered 429 with {@code Retry-After}; and shares of
 * answers that fail — 500s, 200s with truncated JSON, connections cut mid-answer. Which attempt
 * fails is decided by a hash of the text and the attempt number, so every text eventually succeeds
 * and a run is reproducible whatever the order of requests. The "translation" is
 * {@code [Language] text}, the language read from the system prompt. Counts what it saw: requests,
 * successful answers per distinct text, failures per kind, Authorization headers; {@code GET /stats}
 * serves them as JSON for a benchmark in another process.
 */
public final class HostileChatServer implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern TARGET = Pattern.compile("into (\\S+)\\.");

    static {
        // The JDK server writes headers and body as two segments; with Nagle on, the body waits for the
        // client's delayed ACK (~40 ms) and the latency would not be the one set. Real servers set TCP_NODELAY.
        System.setProperty("sun.net.httpserver.nodelay", "true");
    }

    /** What a request beyond the concurrency cap gets. */
    public enum OverCap { QUEUE, REJECT_429 }

    /** What one failure injection does. */
    public enum Failure { SERVER_ERROR, TRUNCATED_JSON, CUT_CONNECTION }

    private final HttpServer server;
    private final ExecutorService handlers = Executors.newCachedThreadPool();
    private final Semaphore slots;
    private final Settings settings;
    private final AtomicInteger requests = new AtomicInteger();
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicInteger maxInFlight = new AtomicInteger();
    private final AtomicInteger rejected = new AtomicInteger();
    private final Map<String, AtomicInteger> attemptsPerText = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> answeredPerText = new ConcurrentHashMap<>();
    private final Map<Failure, AtomicInteger> failures = new ConcurrentHashMap<>();
    private final Set<String> authorizations = ConcurrentHashMap.newKeySet();

    /**
     * @param latency      time each answer holds its slot
     * @param capacity     answers in progress at once
     * @param overCap      queue or 429 beyond the cap
     * @param retryAfter   the 429's Retry-After header (seconds)
     * @param serverErrors share of attempts answered 500
     * @param truncated    share answered 200 with JSON cut in half
     * @param cut          share whose connection closes mid-answer
     */
    public record Settings(Duration latency, int capacity, OverCap overCap, String retryAfter, double serverErrors,
                           double truncated, double cut) {
        public static Settings fixedLatency(Duration latency, int capacity) {
            return new Settings(latency, capacity, OverCap.QUEUE, "0", 0, 0, 0);
        }
    }

    public HostileChatServer(Settings settings) throws IOException {
        this(settings, 0);
    }

    public HostileChatServer(Settings settings, int port) throws IOException {
        this.settings = settings;
        this.slots = new Semaphore(settings.capacity(), true);
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 1024);
        server.createContext("/v1/chat/completions", this::handle);
        server.createContext("/stats", this::stats);
        server.setExecutor(handlers);
        server.start();
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/v1";
    }

    public int requests() {
        return requests.get();
    }

    public int maxInFlight() {
        return maxInFlight.get();
    }

    /** Requests answered 429 because every slot was taken. */
    public int rejected() {
        return rejected.get();
    }

    /** Successful answers per {@code language|text}: more than one means a text was translated twice. */
    public Map<String, Integer> answeredPerText() {
        Map<String, Integer> copy = new ConcurrentHashMap<>();
        answeredPerText.forEach((text, count) -> copy.put(text, count.get()));
        return copy;
    }

    public int failures(Failure kind) {
        AtomicInteger count = failures.get(kind);
        return count == null ? 0 : count.get();
    }

    /** Every distinct Authorization header seen ("none" for requests without). */
    public Set<String> authorizations() {
        return Set.copyOf(authorizations);
    }

    public static String translation(String languageName, String text) {
        return "[" + languageName + "] " + text;
    }

    private void handle(HttpExchange exchange) throws IOException {
        int current = inFlight.incrementAndGet();
        maxInFlight.accumulateAndGet(current, Math::max);
        try (exchange) {
            requests.incrementAndGet();
            String authorization = exchange.getRequestHeaders().getFirst("Authorization");
            authorizations.add(authorization == null ? "none" : authorization);
            JsonNode request = JSON.readTree(exchange.getRequestBody());
            String system = request.path("messages").path(0).path("content").asText();
            String text = request.path("messages").path(1).path("content").asText();
            Matcher target = TARGET.matcher(system);
            String language = target.find() ? target.group(1) : "?";
            String key = language + "|" + text;
            if (!slots.tryAcquire()) {
                if (settings.overCap() == OverCap.REJECT_429) {
                    rejected.incrementAndGet();
                    exchange.getResponseHeaders().add("Retry-After", settings.retryAfter());
                    respond(exchange, 429, "{\"error\":{\"message\":\"rate limited\"}}".getBytes(StandardCharsets.UTF_8));
                    return;
                }
                slots.acquire();
            }
            try {
                Thread.sleep(settings.latency().toMillis(), settings.latency().toNanosPart() % 1_000_000);
            } finally {
                slots.release();
            }
            int attempt = attemptsPerText.computeIfAbsent(key, k -> new AtomicInteger()).incrementAndGet();
            Failure failure = failureFor(key, attempt);
            if (failure != null) {
                failures.computeIfAbsent(failure, k -> new AtomicInteger()).incrementAndGet();
                fail(exchange, failure, answer(language, text));
                return;
            }
            answeredPerText.computeIfAbsent(key, k -> new AtomicInteger()).incrementAndGet();
            respond(exchange, 200, answer(language, text));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            inFlight.decrementAndGet();
        }
    }

    /** The same attempt of the same text always meets the same fate; shares are of attempts. */
    private Failure failureFor(String key, int attempt) {
        double draw = Math.floorMod((key + "#" + attempt).hashCode() * 0x9E3779B1L, 1_000_003L) / 1_000_003.0;
        if (draw < settings.serverErrors()) {
            return Failure.SERVER_ERROR;
        }
        if (draw < settings.serverErrors() + settings.truncated()) {
            return Failure.TRUNCATED_JSON;
        }
        if (draw < settings.serverErrors() + settings.truncated() + settings.cut()) {
            return Failure.CUT_CONNECTION;
        }
        return null;
    }

    private static void fail(HttpExchange exchange, Failure failure, byte[] answer) throws IOException {
        switch (failure) {
            case SERVER_ERROR -> respond(exchange, 500, "{\"error\":{\"message\":\"injected\"}}"
                    .getBytes(StandardCharsets.UTF_8));
            case TRUNCATED_JSON -> respond(exchange, 200, java.util.Arrays.copyOf(answer, answer.length / 2));
            case CUT_CONNECTION -> {
                // promise the whole answer, send half, then fail the exchange: the JDK server closes the
                // connection of a handler that throws, and the client reads a premature EOF
                exchange.getResponseHeaders().add("Content-Type", "application/json");
                exchange.sendResponseHeaders(200, answer.length);
                OutputStream body = exchange.getResponseBody();
                body.write(answer, 0, answer.length / 2);
                body.flush();
                throw new IOException("connection cut on purpose");
            }
        }
    }

    private static byte[] answer(String language, String text) throws IOException {
        ObjectNode message = JSON.createObjectNode().put("role", "assistant").put("content", translation(language, text));
        ObjectNode choice = JSON.createObjectNode().put("index", 0).put("finish_reason", "stop");
        choice.set("message", message);
        ObjectNode body = JSON.createObjectNode();
        body.set("choices", JSON.createArrayNode().add(choice));
        return JSON.writeValueAsBytes(body);
    }

    private static void respond(HttpExchange exchange, int status, byte[] body) throws IOException {
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, body.length);
        exchange.getResponseBody().write(body);
    }

    private void stats(HttpExchange exchange) throws IOException {
        try (exchange) {
            ObjectNode stats = JSON.createObjectNode()
                    .put("requests", requests.get())
                    .put("distinctAnswered", answeredPerText.size())
                    .put("answered", answeredPerText.values().stream().mapToInt(AtomicInteger::get).sum())
                    .put("answeredTwice", answeredPerText.values().stream().filter(c -> c.get() > 1).count())
                    .put("rejected", rejected.get())
                    .put("maxInFlight", maxInFlight.get());
            for (Failure kind : Failure.values()) {
                stats.put(kind.name(), failures(kind));
            }
            respond(exchange, 200, JSON.writeValueAsBytes(stats));
        }
    }

    @Override
    public void close() {
        server.stop(0);
        handlers.shutdownNow();
    }

    /**
     * Runs the endpoint as its own process, so that a benchmark's client and server do not share a JVM:
     * {@code HostileChatServer PORT LATENCY_MS CAPACITY [queue|429] [500-share] [truncated-share] [cut-share]}.
     * Prints {@code listening BASE_URL} once it serves.
     */
    public static void main(String[] args) throws Exception {
        int port = Integer.parseInt(args[0]);
        Settings settings = new Settings(Duration.ofMillis(Long.parseLong(args[1])), Integer.parseInt(args[2]),
                args.length > 3 && args[3].equals("429") ? OverCap.REJECT_429 : OverCap.QUEUE, "0",
                args.length > 4 ? Double.parseDouble(args[4]) : 0, args.length > 5 ? Double.parseDouble(args[5]) : 0,
                args.length > 6 ? Double.parseDouble(args[6]) : 0);
        HostileChatServer server = new HostileChatServer(settings, port);
        System.out.println("listening " + server.baseUrl());
        System.out.flush();
        Thread.currentThread().join();
    }
}
