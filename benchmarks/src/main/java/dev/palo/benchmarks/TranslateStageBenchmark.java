package dev.palo.benchmarks;

import com.fasterxml.jackson.databind.JsonNode;
import dev.palo.activities.llm.ApiKeys;
import dev.palo.activities.storage.MinioObjectStore;
import dev.palo.activities.storage.S3Settings;
import dev.palo.activities.tracking.MlflowTracker;
import dev.palo.activities.translation.translate.ChatClients;
import dev.palo.activities.translation.translate.PlaceholderPreservingTranslator;
import dev.palo.activities.translation.translate.TranslateActivitiesImpl;
import dev.palo.data.llava.LlavaRecord;
import dev.palo.workflows.ArtifactRef;
import dev.palo.workflows.StageResult;
import dev.palo.workflows.TargetLanguage;
import dev.palo.workflows.translation.translate.TranslateActivities;
import dev.palo.workflows.translation.translate.TranslateConfig;
import dev.palo.workflows.translation.translate.TranslateRequest;
import io.temporal.activity.ActivityOptions;
import io.temporal.common.RetryOptions;
import io.temporal.testing.TestActivityEnvironment;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Requests/s of the REAL translate stage ({@link TranslateActivitiesImpl}: source download, chunks,
 * commits to the store, MLflow metrics per chunk, assembly, manifest) against the store and MLflow of
 * {@code ./palo up}, with the chat endpoint in another process: a {@code HostileChatServer} with a
 * fixed latency and a cap of C answers at once (requests beyond it queue), so its capacity is C /
 * latency. Reported: stage wall time, requests the endpoint served, distinct texts in the source,
 * and requests/s as a share of capacity. Rate limits are set far above capacity. The activity runs in
 * Temporal's test activity environment (real heartbeats and context, no task queue round trip).
 * <pre>
 * java -cp … dev.palo.benchmarks.TranslateStageBenchmark [latencyMs=50] [capacities=4,16,32]
 *     [recordsPerSlot=40] [chunkSize=16] [clientFactor=1.25] [distinctShare=1.0] [repeats=2] [languages=fr]
 * </pre>
 * Several languages (e.g. {@code fr,ar}) translate at once through one shared client, as on a worker.
 * {@code distinctShare} below 1 draws the texts from a pool that size (PALO-mini {@code demo}'s
 * translation source has 412 distinct strings in 1,596 pieces, about 0.26).
 */
public final class TranslateStageBenchmark {
    static final Map<String, String> NAMES = Map.of("fr", "French", "ar", "Arabic", "hi", "Hindi",
            "zh", "Chinese", "es", "Spanish", "ru", "Russian", "ja", "Japanese", "bn", "Bengali", "ur", "Urdu");

    private TranslateStageBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        long latencyMs = args.length > 0 ? Long.parseLong(args[0]) : 50;
        int[] capacities = Arrays.stream((args.length > 1 ? args[1] : "4,16,32").split(","))
                .mapToInt(Integer::parseInt).toArray();
        int recordsPerSlot = args.length > 2 ? Integer.parseInt(args[2]) : 40;
        int chunkSize = args.length > 3 ? Integer.parseInt(args[3]) : 16;
        double clientFactor = args.length > 4 ? Double.parseDouble(args[4]) : 1.25;
        double distinctShare = args.length > 5 ? Double.parseDouble(args[5]) : 1.0;
        int repeats = args.length > 6 ? Integer.parseInt(args[6]) : 2;
        List<String> languages = List.of((args.length > 7 ? args[7] : "fr").split(","));
        Map<String, String> env = System.getenv();
        S3Settings s3 = S3Settings.fromEnvironment(env);
        MinioObjectStore store = new MinioObjectStore(s3).requireBucket(s3.endpoint());
        MlflowTracker tracker = MlflowTracker.fromEnvironment(env);
        String trackingRun = tracker.findOrCreateRun("palo-benchmarks", "translate-stage-benchmark",
                Map.of("palo.benchmark", "translate-stage"), null);
        Path work = Files.createTempDirectory("palo-translate-bench");
        System.out.printf(Locale.ROOT, "latency %d ms, chunks of %d records, client concurrency %.2f x C, distinct "
                + "share %.2f, languages %s, %d processors%n", latencyMs, chunkSize, clientFactor, distinctShare,
                languages, Runtime.getRuntime().availableProcessors());

        for (int capacity : capacities) {
            int records = recordsPerSlot * capacity;
            int clientConcurrency = (int) Math.ceil(capacity * clientFactor);
            // one endpoint process per capacity, warmed up with the client: a fresh JVM per run would
            // measure the server's JIT, not the stage
            try (EndpointProcess endpoint = new EndpointProcess(List.of(Long.toString(latencyMs),
                    Integer.toString(capacity), "queue"))) {
                for (int run = 0; run <= repeats; run++) {
                    String nonce = UUID.randomUUID().toString();
                    List<LlavaRecord> english = SyntheticInstructions.records(records, nonce, distinctShare, new Random(run));
                    ArtifactRef source = store.put("bench/" + nonce + "/english.json", json(english),
                            "application/json", english.size());
                    long distinct = english.stream().flatMap(r -> r.conversations().stream())
                            .flatMap(t -> PlaceholderPreservingTranslator.pieces(t.value()).stream()).distinct().count();
                    long pieces = english.stream().flatMap(r -> r.conversations().stream())
                            .mapToLong(t -> PlaceholderPreservingTranslator.pieces(t.value()).size()).sum();
                    TranslateConfig config = TranslateConfig.endpoint(endpoint.baseUrl(), "bench").chunkSize(chunkSize)
                            .concurrency(clientConcurrency).rateLimits(Integer.MAX_VALUE, Integer.MAX_VALUE)
                            .maxAttempts(5).build();
                    JsonNode before = endpoint.stats();
                    // one client for every language, as one worker shares it per endpoint configuration
                    ChatClients clients = new ChatClients(new ApiKeys(Map.of()), Duration.ofMillis(100),
                            Duration.ofSeconds(5));
                    ExecutorService stages = Executors.newFixedThreadPool(languages.size());
                    long cpuBefore = processCpuNanos();
                    long begin = System.nanoTime();
                    List<Future<StageResult>> results = new ArrayList<>();
                    for (String language : languages) {
                        results.add(stages.submit(() -> translate(store, tracker, clients, work, nonce, source,
                                config, language, trackingRun)));
                    }
                    long out = 0;
                    for (Future<StageResult> result : results) {
                        out += result.get().output().recordCount();
                    }
                    double seconds = (System.nanoTime() - begin) / 1e9;
                    double cpu = (processCpuNanos() - cpuBefore) / 1e9;
                    stages.shutdown();
                    JsonNode after = endpoint.stats();
                    int requests = after.path("requests").asInt() - before.path("requests").asInt();
                    long twice = after.path("answeredTwice").asLong() - before.path("answeredTwice").asLong();
                    double perSecond = requests / seconds;
                    double capacityPerSecond = capacity * 1000.0 / latencyMs;
                    System.out.printf(Locale.ROOT, "C=%d %s: %d language(s) x %d records, %d pieces, %d distinct "
                                    + "per language; %d requests (%d texts answered twice) in %.2f s = %.1f requests/s"
                                    + " = %.1f%% of capacity (%.0f/s); %d records out; process CPU %.2f s (%.0f µs/request)%n",
                            capacity, run == 0 ? "warm-up" : "run " + run, languages.size(), records, pieces, distinct,
                            requests, twice, seconds, perSecond, 100 * perSecond / capacityPerSecond,
                            capacityPerSecond, out, cpu, 1e6 * cpu / Math.max(1, requests));
                }
            }
        }
        tracker.endRun(trackingRun, true);
        // the Temporal test environment and HTTP clients leave non-daemon threads behind
        System.exit(0);
    }

    /** The real stage once, for one language, in Temporal's test activity environment ({@link TranslateStageRun} too). */
    static StageResult translate(MinioObjectStore store, MlflowTracker tracker, ChatClients clients, Path work,
                                         String nonce, ArtifactRef source, TranslateConfig config, String language,
                                         String trackingRun) {
        TestActivityEnvironment activities = TestActivityEnvironment.newInstance();
        try {
            activities.registerActivitiesImplementations(new TranslateActivitiesImpl(store, tracker, clients, work));
            TranslateActivities stage = activities.newActivityStub(TranslateActivities.class,
                    ActivityOptions.newBuilder().setStartToCloseTimeout(Duration.ofMinutes(30))
                            .setRetryOptions(RetryOptions.newBuilder().setMaximumAttempts(1).build()).build());
            return stage.translate(new TranslateRequest("bench-" + nonce, new TargetLanguage(language, NAMES.get(language)),
                    source, config, trackingRun));
        } finally {
            activities.close();
        }
    }

    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory
                .getOperatingSystemMXBean()).getProcessCpuTime();
    }

    static byte[] json(List<LlavaRecord> records) throws Exception {
        Path file = Files.createTempFile("bench-english", ".json");
        SyntheticInstructions.write(records, file);
        byte[] bytes = Files.readAllBytes(file);
        Files.delete(file);
        return bytes;
    }
}
