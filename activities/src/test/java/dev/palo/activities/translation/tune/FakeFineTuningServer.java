package dev.palo.activities.translation.tune;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The fine-tuning half of an OpenAI-compatible API on 127.0.0.1: training files and jobs in memory. A
 * job answers {@code running} to its first {@code pollsUntilDone} status requests, then {@code succeeded}
 * (model {@code ft:<model>:<suffix>:<job id>}) or, when told to, {@code failed} with an error message.
 * Every request is counted by method and path, so tests can prove nothing was created twice.
 */
final class FakeFineTuningServer implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern FILENAME = Pattern.compile("filename=\"([^\"]+)\"");

    private final HttpServer server;
    /** Requests per {@code METHOD /path} (query dropped, job ids kept). */
    final Map<String, AtomicInteger> requests = new ConcurrentHashMap<>();
    final List<byte[]> uploads = new CopyOnWriteArrayList<>();
    final List<ObjectNode> createdJobs = new CopyOnWriteArrayList<>();
    final List<String> jobIds = new CopyOnWriteArrayList<>();
    private final Map<String, ObjectNode> files = new ConcurrentHashMap<>();
    private final Map<String, ObjectNode> jobs = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> polls = new ConcurrentHashMap<>();
    private final AtomicInteger ids = new AtomicInteger();
    private volatile int pollsUntilDone = 2;
    private volatile String failure;
    private volatile int unavailablePolls;

    FakeFineTuningServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/v1/files", this::files);
        server.createContext("/v1/fine_tuning/jobs", this::jobs);
        server.setExecutor(Executors.newFixedThreadPool(4));
        server.start();
    }

    String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/v1";
    }

    void pollsUntilDone(int polls) {
        pollsUntilDone = polls;
    }

    /** Jobs end {@code failed} with this message instead of succeeding. */
    void failJobsWith(String message) {
        failure = message;
    }

    /** The next {@code count} status requests answer 503. */
    void unavailableForPolls(int count) {
        unavailablePolls = count;
    }

    int count(String methodAndPath) {
        return requests.getOrDefault(methodAndPath, new AtomicInteger()).get();
    }

    private void files(HttpExchange exchange) throws IOException {
        count(exchange);
        if (exchange.getRequestMethod().equals("POST")) {
            byte[] body = exchange.getRequestBody().readAllBytes();
            String text = new String(body, StandardCharsets.UTF_8);
            Matcher name = FILENAME.matcher(text);
            String content = text.substring(text.indexOf("\r\n\r\n", text.indexOf("name=\"file\"")) + 4,
                    text.lastIndexOf("\r\n--"));
            byte[] jsonl = content.getBytes(StandardCharsets.UTF_8);
            uploads.add(jsonl);
            ObjectNode file = JSON.createObjectNode().put("id", "file-" + ids.incrementAndGet())
                    .put("filename", name.find() ? name.group(1) : "upload").put("bytes", jsonl.length)
                    .put("purpose", "fine-tune");
            files.put(file.get("id").asText(), file);
            answer(exchange, 200, file);
        } else {
            ObjectNode list = JSON.createObjectNode();
            list.putArray("data").addAll(files.values());
            answer(exchange, 200, list);
        }
    }

    private void jobs(HttpExchange exchange) throws IOException {
        count(exchange);
        String path = exchange.getRequestURI().getPath();
        if (exchange.getRequestMethod().equals("POST")) {
            ObjectNode request = (ObjectNode) JSON.readTree(exchange.getRequestBody());
            createdJobs.add(request);
            String id = "ftjob-" + ids.incrementAndGet();
            ObjectNode job = JSON.createObjectNode().put("id", id).put("status", "queued")
                    .put("model", request.path("model").asText())
                    .put("training_file", request.path("training_file").asText())
                    .put("suffix", request.path("suffix").asText()).putNull("fine_tuned_model");
            jobs.put(id, job);
            jobIds.add(id);
            answer(exchange, 200, job);
        } else if (path.equals("/v1/fine_tuning/jobs")) {
            ObjectNode list = JSON.createObjectNode();
            ArrayNode data = list.putArray("data");
            jobs.values().forEach(data::add);
            answer(exchange, 200, list);
        } else {
            ObjectNode job = jobs.get(path.substring(path.lastIndexOf('/') + 1));
            if (job == null) {
                answer(exchange, 404, JSON.createObjectNode().put("error", "no such job"));
            } else if (unavailablePolls > 0) {
                unavailablePolls--;
                answer(exchange, 503, JSON.createObjectNode().put("error", "try later"));
            } else {
                answer(exchange, 200, advance(job));
            }
        }
    }

    private synchronized ObjectNode advance(ObjectNode job) {
        String id = job.get("id").asText();
        if (polls.computeIfAbsent(id, k -> new AtomicInteger()).incrementAndGet() <= pollsUntilDone) {
            return job.put("status", "running");
        }
        if (failure != null) {
            job.put("status", "failed").putObject("error").put("code", "invalid_training_file").put("message", failure);
        } else {
            job.put("status", "succeeded").put("trained_tokens", 1234).put("fine_tuned_model",
                    "ft:" + job.get("model").asText() + ":" + job.get("suffix").asText() + ":" + id);
        }
        return job;
    }

    private void count(HttpExchange exchange) {
        requests.computeIfAbsent(exchange.getRequestMethod() + " " + exchange.getRequestURI().getPath(),
                k -> new AtomicInteger()).incrementAndGet();
    }

    private static void answer(HttpExchange exchange, int status, ObjectNode body) throws IOException {
        byte[] bytes = JSON.writeValueAsBytes(body);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
