package dev.palo.benchmarks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.palo.activities.worker.WorkerSettings;
import dev.palo.data.llava.LlavaRecord;
import io.temporal.api.enums.v1.EventType;
import io.temporal.api.history.v1.HistoryEvent;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowClientOptions;
import io.temporal.common.WorkflowExecutionHistory;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Requests/s of the translate stage through {@code ./palo run}, as an operator starts it: the CLI uploads a
 * synthetic English file, the services app starts the pipeline, its worker runs the real stage against the
 * store and MLflow of {@code ./palo up}, and the chat endpoint is a {@code HostileChatServer} in its own JVM
 * with a fixed latency and a cap of C answers at once (capacity C / latency). The stage's time is the
 * workflow's own (its start to its end, as the run page shows it, including the stage's MLflow run and chrF
 * check); the activity's time is the translate activity's, from its start to its completion in the language
 * workflow's history; requests are the endpoint's count over the stage. Once the language's translate stage
 * completed, the run is cancelled (the rest of the pipeline is not measured). Run from the repository root with the stack and the services app up:
 * <pre>
 * java -cp … dev.palo.benchmarks.RunTranslateBenchmark [latencyMs=50] [capacities=4,16,32]
 *     [recordsPerSlot=100] [clientFactor=1.25] [repeats=2] [language=fr] [chunkSize=16]
 * </pre>
 */
public final class RunTranslateBenchmark {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern RUN_LINE = Pattern.compile("^run (\\S+)\\s");
    private static final Duration STAGE_TIMEOUT = Duration.ofMinutes(10);

    private RunTranslateBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        long latencyMs = args.length > 0 ? Long.parseLong(args[0]) : 50;
        int[] capacities = Arrays.stream((args.length > 1 ? args[1] : "4,16,32").split(","))
                .mapToInt(Integer::parseInt).toArray();
        int recordsPerSlot = args.length > 2 ? Integer.parseInt(args[2]) : 100;
        double clientFactor = args.length > 3 ? Double.parseDouble(args[3]) : 1.25;
        int repeats = args.length > 4 ? Integer.parseInt(args[4]) : 2;
        String language = args.length > 5 ? args[5] : "fr";
        int chunkSize = args.length > 6 ? Integer.parseInt(args[6]) : 16;
        Map<String, String> env = System.getenv();
        String api = "http://127.0.0.1:" + env.getOrDefault("PALO_API_PORT", "8080");
        Path token = Path.of(env.getOrDefault("PALO_HOME", ".palo"), "auth", "cli-operator.token");
        Path work = Files.createTempDirectory("palo-run-translate-bench");
        WorkerSettings settings = WorkerSettings.fromEnvironment(env);
        WorkflowClient temporal = WorkflowClient.newInstance(WorkflowServiceStubs.newServiceStubs(
                WorkflowServiceStubsOptions.newBuilder().setTarget(settings.temporalAddress()).build()),
                WorkflowClientOptions.newBuilder().setNamespace(settings.namespace()).build());
        System.out.printf(Locale.ROOT, "./palo run, latency %d ms, chunks of %d records, concurrency %.2f x C, "
                + "language %s, %d processors, API %s%n", latencyMs, chunkSize, clientFactor, language,
                Runtime.getRuntime().availableProcessors(), api);
        for (int capacity : capacities) {
            int concurrency = (int) Math.ceil(capacity * clientFactor);
            try (EndpointProcess endpoint = new EndpointProcess(List.of(Long.toString(latencyMs),
                    Integer.toString(capacity), "queue"))) {
                for (int run = 0; run <= repeats; run++) {
                    String nonce = UUID.randomUUID().toString();
                    List<LlavaRecord> english = SyntheticInstructions.records(recordsPerSlot * capacity, nonce, 1.0,
                            new Random(run));
                    Path file = work.resolve("english-" + nonce.substring(0, 8) + ".json");
                    SyntheticInstructions.write(english, file);
                    JsonNode before = endpoint.stats();
                    Process cli = new ProcessBuilder("./palo", "run", "--data", file.toString(), "--languages",
                            language, "--translate-url", endpoint.baseUrl(), "--model", "bench", "--concurrency",
                            Integer.toString(concurrency), "--requests-per-minute", "100000000",
                            "--tokens-per-minute", "1000000000", "--chunk-size", Integer.toString(chunkSize))
                            .redirectError(ProcessBuilder.Redirect.INHERIT).start();
                    try {
                        String id = runId(cli);
                        String bearer = Files.readString(token).strip();
                        JsonNode stage = awaitTranslated(api, bearer, id);
                        JsonNode after = endpoint.stats();
                        send(api, bearer, HttpRequest.newBuilder(URI.create(api + "/api/runs/" + id + "/cancel"))
                                .POST(HttpRequest.BodyPublishers.noBody()));
                        double seconds = Duration.between(Instant.parse(stage.path("startedAt").asText()),
                                Instant.parse(stage.path("endedAt").asText())).toMillis() / 1000.0;
                        int requests = after.path("requests").asInt() - before.path("requests").asInt();
                        long twice = after.path("answeredTwice").asLong() - before.path("answeredTwice").asLong();
                        double activity = activitySeconds(temporal, id + "-" + language);
                        double capacityPerSecond = capacity * 1000.0 / latencyMs;
                        System.out.printf(Locale.ROOT, "C=%d %s (run %s): %d records, %d requests (%d texts answered"
                                        + " twice); stage %.2f s = %.1f%% of capacity (%.0f/s); activity %.2f s ="
                                        + " %.1f%%%n",
                                capacity, run == 0 ? "warm-up" : "run " + run, id, english.size(), requests, twice,
                                seconds, 100 * requests / seconds / capacityPerSecond, capacityPerSecond, activity,
                                100 * requests / activity / capacityPerSecond);
                    } finally {
                        // the CLI ends by itself once the run is cancelled; never leave it behind
                        if (!cli.waitFor(60, TimeUnit.SECONDS)) {
                            cli.destroyForcibly();
                        }
                        Files.deleteIfExists(file);
                    }
                }
            }
        }
    }

    /** The first Translate activity's time in the language workflow's history, from its start to its completion. */
    private static double activitySeconds(WorkflowClient temporal, String languageWorkflowId) {
        WorkflowExecutionHistory history = temporal.fetchHistory(languageWorkflowId);
        Map<Long, HistoryEvent> started = new java.util.HashMap<>();
        for (HistoryEvent event : history.getEvents()) {
            if (event.getEventType() == EventType.EVENT_TYPE_ACTIVITY_TASK_STARTED) {
                started.put(event.getActivityTaskStartedEventAttributes().getScheduledEventId(), event);
            }
        }
        for (HistoryEvent event : history.getEvents()) {
            if (event.getEventType() == EventType.EVENT_TYPE_ACTIVITY_TASK_COMPLETED) {
                long scheduled = event.getActivityTaskCompletedEventAttributes().getScheduledEventId();
                HistoryEvent scheduledEvent = history.getEvents().stream().filter(e -> e.getEventId() == scheduled)
                        .findFirst().orElseThrow();
                if (scheduledEvent.getActivityTaskScheduledEventAttributes().getActivityType().getName()
                        .equals("Translate")) {
                    HistoryEvent start = started.get(scheduled);
                    return (millis(event) - millis(start)) / 1000.0;
                }
            }
        }
        throw new IllegalStateException(languageWorkflowId + " has no completed Translate activity");
    }

    private static long millis(HistoryEvent event) {
        return event.getEventTime().getSeconds() * 1000 + event.getEventTime().getNanos() / 1_000_000;
    }

    /** The run id from the first line of the CLI's progress view ({@code run <id>  RUNNING …}). */
    private static String runId(Process cli) throws Exception {
        BufferedReader out = new BufferedReader(new InputStreamReader(cli.getInputStream(), StandardCharsets.UTF_8));
        CompletableFuture<String> id = new CompletableFuture<>();
        Thread reader = new Thread(() -> {
            try {
                for (String line = out.readLine(); line != null; line = out.readLine()) {
                    Matcher match = RUN_LINE.matcher(line);
                    if (!id.isDone() && match.find()) {
                        id.complete(match.group(1));
                    }
                }
                id.completeExceptionally(new IOException("./palo run ended without printing a run id"));
            } catch (IOException e) {
                id.completeExceptionally(e);
            }
        }, "palo-run-output");
        reader.setDaemon(true);
        reader.start();
        return id.get(5, TimeUnit.MINUTES);
    }

    /** Waits until the run's only language finished its first translate stage; that stage's progress. */
    private static JsonNode awaitTranslated(String api, String bearer, String id) throws Exception {
        long deadline = System.nanoTime() + STAGE_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            JsonNode run = JSON.readTree(send(api, bearer, HttpRequest.newBuilder(URI.create(api + "/api/runs/" + id))
                    .header("Accept", "application/json")));
            for (JsonNode stage : run.path("languages").path(0).path("stages")) {
                if (stage.path("stage").asText().equals("translate")) {
                    String status = stage.path("status").asText();
                    if (status.equals("COMPLETED")) {
                        return stage;
                    }
                    if (!status.equals("RUNNING") && !status.equals("PENDING")) {
                        throw new IllegalStateException("run " + id + ": translate " + status + ": " + stage);
                    }
                }
            }
            if (!run.path("status").asText().equals("RUNNING")) {
                throw new IllegalStateException("run " + id + " ended before translating: " + run);
            }
            Thread.sleep(250);
        }
        throw new IllegalStateException("run " + id + " did not translate within " + STAGE_TIMEOUT);
    }

    private static String send(String api, String bearer, HttpRequest.Builder request) throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(request.header("Authorization",
                "Bearer " + bearer).timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() >= 300) {
            throw new IOException(api + ": HTTP " + response.statusCode() + ": " + response.body());
        }
        return response.body();
    }
}
