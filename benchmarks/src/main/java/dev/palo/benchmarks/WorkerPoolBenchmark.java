package dev.palo.benchmarks;

import com.fasterxml.jackson.databind.JsonNode;
import dev.palo.activities.storage.MinioObjectStore;
import dev.palo.activities.storage.S3Settings;
import dev.palo.activities.worker.WorkerMain;
import dev.palo.activities.worker.WorkerSettings;
import dev.palo.data.llava.LlavaRecord;
import dev.palo.workflows.ArtifactRef;
import dev.palo.workflows.TaskQueues;
import dev.palo.workflows.language.LanguagePipelineWorkflow;
import dev.palo.workflows.pipeline.PaloPipelineWorkflow;
import dev.palo.workflows.pipeline.PipelineSpec;
import dev.palo.workflows.postedit.QaConfig;
import dev.palo.workflows.translation.translate.TranslateConfig;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.temporal.api.enums.v1.EventType;
import io.temporal.api.history.v1.HistoryEvent;
import io.temporal.api.workflowservice.v1.RegisterNamespaceRequest;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowClientOptions;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * The translate stage on 1, 2 and 4 CPU worker processes, the cluster's {@code palo-cpu} pool on one machine: each
 * worker a JVM of its own ({@link WorkerMain}, as {@code ./palo up --cpu-workers N} starts it) polling only
 * {@code palo-cpu} with at most {@code slots} activities at once ({@code PALO_CPU_SLOTS}), against a chat endpoint in
 * its own JVM with a fixed latency and a cap of {@code capacity} answers at once. One pipeline run per pool size
 * translates {@code languages} languages of its own synthetic English (one translate activity per language, so the
 * pool shares the languages); the figure is the endpoint's requests over the translate window, from the first
 * Translate activity's start to the last one's completion in the language workflows' histories. The run is
 * terminated once every language has translated (the later stages are not measured). Needs {@code ./palo up} (no
 * services app); runs in its own Temporal namespace, so no other worker takes its tasks:
 * <pre>
 * java -cp … dev.palo.benchmarks.WorkerPoolBenchmark [workers=1,2,4] [slots=1] [latencyMs=50] [capacity=64]
 *     [languages=8] [recordsPerLanguage=100] [concurrency=4] [chunkSize=16]
 * </pre>
 */
public final class WorkerPoolBenchmark {
    private static final String NAMESPACE = "palo-bench-pools";
    private static final List<String> LANGUAGES = List.of("ar", "bn", "es", "fr", "hi", "ja", "ru", "ur", "zh");
    private static final String READY_LINE = "PALO worker polling";
    private static final Duration TIMEOUT = Duration.ofMinutes(15);

    private WorkerPoolBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int[] pools = Arrays.stream((args.length > 0 ? args[0] : "1,2,4").split(",")).mapToInt(Integer::parseInt)
                .toArray();
        int slots = args.length > 1 ? Integer.parseInt(args[1]) : 1;
        long latencyMs = args.length > 2 ? Long.parseLong(args[2]) : 50;
        int capacity = args.length > 3 ? Integer.parseInt(args[3]) : 64;
        List<String> languages = LANGUAGES.subList(0, args.length > 4 ? Integer.parseInt(args[4]) : 8);
        int records = args.length > 5 ? Integer.parseInt(args[5]) : 100;
        int concurrency = args.length > 6 ? Integer.parseInt(args[6]) : 4;
        int chunkSize = args.length > 7 ? Integer.parseInt(args[7]) : 16;
        Map<String, String> env = System.getenv();
        WorkerSettings settings = WorkerSettings.fromEnvironment(env);
        S3Settings s3 = S3Settings.fromEnvironment(env);
        MinioObjectStore store = new MinioObjectStore(s3).requireBucket(s3.endpoint());
        WorkflowClient temporal = namespaceClient(settings.temporalAddress());
        Path work = Files.createTempDirectory("palo-worker-pool-bench");
        double endpointPerSecond = capacity * 1000.0 / latencyMs;
        System.out.printf(Locale.ROOT, "worker pools: %d languages x %d records (%d texts each), concurrency %d per"
                        + " activity, chunks of %d, %s palo-cpu slots per worker; endpoint %d ms, capacity %d"
                        + " (%.0f requests/s); %d processors; load %s%n", languages.size(), records, records * 4,
                concurrency, chunkSize, slots, latencyMs, capacity, endpointPerSecond,
                Runtime.getRuntime().availableProcessors(), loadAverage());
        double first = 0;
        try (EndpointProcess endpoint = new EndpointProcess(List.of(Long.toString(latencyMs),
                Integer.toString(capacity), "queue"))) {
            for (int workers : pools) {
                List<Process> pool = startPool(workers, slots, settings, work);
                try {
                    String nonce = UUID.randomUUID().toString();
                    Path file = work.resolve("english-" + nonce.substring(0, 8) + ".json");
                    List<LlavaRecord> english = SyntheticInstructions.records(records, nonce, 1.0, new Random(workers));
                    SyntheticInstructions.write(english, file);
                    ArtifactRef source = store.put("bench/pools/" + nonce + "/english.json", file, "application/json",
                            english.size());
                    TranslateConfig translate = TranslateConfig.endpoint(endpoint.baseUrl(), "bench")
                            .chunkSize(chunkSize).concurrency(concurrency).rateLimits(100_000_000, 1_000_000_000)
                            .build();
                    PipelineSpec spec = new PipelineSpec(source, languages, translate, QaConfig.defaults());
                    String runId = "bench-pools-" + workers + "-" + nonce.substring(0, 8);
                    JsonNode before = endpoint.stats();
                    String loadBefore = loadAverage();
                    WorkflowStub run = start(temporal, runId, spec);
                    Window window = awaitTranslated(temporal, runId, languages);
                    JsonNode after = endpoint.stats();
                    run.terminate("benchmark: translate measured");
                    int requests = after.path("requests").asInt() - before.path("requests").asInt();
                    double perSecond = requests / window.seconds();
                    first = first == 0 ? perSecond : first;
                    System.out.printf(Locale.ROOT, "workers=%d: %d requests in %.2f s = %.1f requests/s (%.0f%% of the"
                                    + " endpoint's capacity; x%.2f the first pool's rate); endpoint max in"
                                    + " flight %d; translate activities per worker %s; load %s -> %s%n",
                            workers, requests, window.seconds(), perSecond, 100 * perSecond / endpointPerSecond,
                            perSecond / first, after.path("maxInFlight").asInt(), window.perWorker(), loadBefore,
                            loadAverage());
                    Files.deleteIfExists(file);
                } finally {
                    stopPool(pool);
                }
            }
        }
    }

    /** The translate window of a run: first Translate start to last Translate completion, and who ran them. */
    private record Window(double seconds, Map<String, Integer> perWorker) {
    }

    private static Window awaitTranslated(WorkflowClient temporal, String runId, List<String> languages)
            throws InterruptedException {
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            long start = Long.MAX_VALUE;
            long end = 0;
            int done = 0;
            Map<String, Integer> perWorker = new TreeMap<>();
            for (String language : languages) {
                long[] span = translateSpan(temporal, LanguagePipelineWorkflow.workflowId(runId, language), perWorker);
                if (span != null) {
                    done++;
                    start = Math.min(start, span[0]);
                    end = Math.max(end, span[1]);
                }
            }
            if (done == languages.size()) {
                return new Window((end - start) / 1000.0, perWorker);
            }
            Thread.sleep(500);
        }
        throw new IllegalStateException("run " + runId + " did not translate every language within " + TIMEOUT);
    }

    /** Start and completion (ms) of a language's completed Translate activity, or null while there is none. */
    private static long[] translateSpan(WorkflowClient temporal, String workflowId, Map<String, Integer> perWorker) {
        List<HistoryEvent> events;
        try {
            events = temporal.fetchHistory(workflowId).getEvents();
        } catch (StatusRuntimeException e) {
            if (e.getStatus().getCode() == Status.Code.NOT_FOUND) {
                return null; // the language's workflow has not started yet
            }
            throw e;
        }
        Map<Long, HistoryEvent> byId = new HashMap<>();
        for (HistoryEvent event : events) {
            byId.put(event.getEventId(), event);
        }
        for (HistoryEvent event : events) {
            if (event.getEventType() != EventType.EVENT_TYPE_ACTIVITY_TASK_COMPLETED) {
                continue;
            }
            HistoryEvent scheduled = byId.get(event.getActivityTaskCompletedEventAttributes().getScheduledEventId());
            if (!scheduled.getActivityTaskScheduledEventAttributes().getActivityType().getName().equals("Translate")) {
                continue;
            }
            HistoryEvent started = byId.get(event.getActivityTaskCompletedEventAttributes().getStartedEventId());
            perWorker.merge(started.getActivityTaskStartedEventAttributes().getIdentity(), 1, Integer::sum);
            return new long[] {millis(started), millis(event)};
        }
        return null;
    }

    private static long millis(HistoryEvent event) {
        return event.getEventTime().getSeconds() * 1000 + event.getEventTime().getNanos() / 1_000_000;
    }

    private static WorkflowStub start(WorkflowClient temporal, String runId, PipelineSpec spec) {
        PaloPipelineWorkflow pipeline = temporal.newWorkflowStub(PaloPipelineWorkflow.class, WorkflowOptions.newBuilder()
                .setWorkflowId(runId).setTaskQueue(TaskQueues.CPU).setWorkflowExecutionTimeout(TIMEOUT).build());
        WorkflowClient.start(pipeline::run, spec);
        return WorkflowStub.fromTyped(pipeline);
    }

    /**
     * {@code count} worker processes as {@code ./palo up --cpu-workers} starts them: {@code palo-cpu} only, each its own
     * work folder, started together and awaited until each polls.
     */
    private static List<Process> startPool(int count, int slots, WorkerSettings settings, Path work)
            throws IOException, InterruptedException {
        List<Process> pool = new ArrayList<>();
        List<Path> logs = new ArrayList<>();
        for (int i = 1; i <= count; i++) {
            Path dir = Files.createDirectories(work.resolve("cpu-worker-" + i));
            Path log = work.resolve("cpu-worker-" + i + ".log");
            ProcessBuilder builder = new ProcessBuilder(ProcessHandle.current().info().command().orElse("java"),
                    "-Xmx512m", "-cp", System.getProperty("java.class.path"), WorkerMain.class.getName());
            builder.environment().putAll(Map.of("PALO_WORKER_QUEUES", TaskQueues.CPU, "PALO_CPU_SLOTS",
                    Integer.toString(slots), "PALO_WORK_DIR", dir.toString(), "PALO_TEMPORAL_NAMESPACE", NAMESPACE,
                    "PALO_TEMPORAL_ADDRESS", settings.temporalAddress(), "PALO_MLFLOW_EXPERIMENT", "palo-bench"));
            builder.environment().remove("PALO_METRICS_PORT"); // they would all want one port
            Process process = builder.redirectErrorStream(true).redirectOutput(log.toFile()).start();
            Runtime.getRuntime().addShutdownHook(new Thread(process::destroyForcibly));
            pool.add(process);
            logs.add(log);
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        for (int i = 0; i < count; i++) {
            while (!Files.readString(logs.get(i)).contains(READY_LINE)) {
                if (!pool.get(i).isAlive() || System.nanoTime() > deadline) {
                    stopPool(pool);
                    throw new IllegalStateException("worker " + (i + 1) + " did not start; its log:\n"
                            + Files.readString(logs.get(i)));
                }
                Thread.sleep(200);
            }
        }
        return pool;
    }

    /** SIGTERM, as a pod is stopped; whatever is left after the drain is killed. */
    private static void stopPool(List<Process> pool) throws InterruptedException {
        pool.forEach(Process::destroy);
        for (Process process : pool) {
            if (!process.waitFor(45, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        }
    }

    /** A client of the benchmark's own namespace, registered on first use. */
    private static WorkflowClient namespaceClient(String address) {
        WorkflowServiceStubs service = WorkflowServiceStubs.newServiceStubs(
                WorkflowServiceStubsOptions.newBuilder().setTarget(address).build());
        try {
            service.blockingStub().registerNamespace(RegisterNamespaceRequest.newBuilder().setNamespace(NAMESPACE)
                    .setWorkflowExecutionRetentionPeriod(com.google.protobuf.Duration.newBuilder().setSeconds(86_400))
                    .build());
        } catch (StatusRuntimeException e) {
            if (e.getStatus().getCode() != Status.Code.ALREADY_EXISTS) {
                throw e;
            }
        }
        return WorkflowClient.newInstance(service, WorkflowClientOptions.newBuilder().setNamespace(NAMESPACE).build());
    }

    private static String loadAverage() {
        try {
            return String.join(" ", Arrays.copyOf(Files.readString(Path.of("/proc/loadavg")).split(" "), 3));
        } catch (IOException e) {
            return "unknown";
        }
    }
}
