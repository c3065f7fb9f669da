package dev.palo.benchmarks;

import com.fasterxml.jackson.databind.JsonNode;
import dev.palo.activities.llm.ApiKeys;
import dev.palo.activities.storage.MinioObjectStore;
import dev.palo.activities.storage.S3Settings;
import dev.palo.activities.tracking.MlflowTracker;
import dev.palo.activities.translation.translate.ChatClients;
import dev.palo.activities.translation.translate.PlaceholderPreservingTranslator;
import dev.palo.data.llava.LlavaRecord;
import dev.palo.workflows.ArtifactRef;
import dev.palo.workflows.translation.translate.TranslateConfig;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;

/**
 * One run of the real translate stage for {@code ./palo bench}, as {@link TranslateStageBenchmark} runs it: fresh
 * synthetic English (a nonce keeps the translate cache from answering), uploaded to the store of {@code ./palo up},
 * translated into French against an {@link EndpointProcess}, with the endpoint's request count over the stage.
 */
final class TranslateStageRun {
    static final String LANGUAGE = "fr";
    static final int CHUNK_SIZE = 16;
    /** Client concurrency over the endpoint's cap, as the translate benchmarks set it. */
    static final double CLIENT_FACTOR = 1.25;

    private final MinioObjectStore store;
    private final MlflowTracker tracker;
    private final String trackingRun;
    private final Path work;

    private TranslateStageRun(MinioObjectStore store, MlflowTracker tracker, String trackingRun, Path work) {
        this.store = store;
        this.tracker = tracker;
        this.trackingRun = trackingRun;
        this.work = work;
    }

    /** Against the stack the environment names (S3 and MLflow of {@code ./palo up}). */
    static TranslateStageRun fromEnvironment(Map<String, String> env, Path work) throws Exception {
        S3Settings s3 = S3Settings.fromEnvironment(env);
        MlflowTracker tracker = MlflowTracker.fromEnvironment(env);
        return new TranslateStageRun(new MinioObjectStore(s3).requireBucket(s3.endpoint()), tracker,
                tracker.findOrCreateRun("palo-benchmarks", "bench-translate", Map.of("palo.benchmark",
                        "bench-translate"), null), work);
    }

    /**
     * What one stage run did.
     *
     * @param english  the records translated
     * @param seconds  the stage's wall time (download, chunks, store commits, MLflow, assembly, manifest)
     * @param requests requests the endpoint served meanwhile
     * @param pieces   texts the records hold (one request each without a cache)
     * @param distinct distinct texts among them
     */
    record Result(List<LlavaRecord> english, double seconds, int requests, long pieces, long distinct) {
    }

    /** {@code records} records, a {@code distinctShare} of their texts distinct, at concurrency 1.25 × capacity. */
    Result run(EndpointProcess endpoint, int capacity, int records, double distinctShare, int seed) throws Exception {
        String nonce = UUID.randomUUID().toString();
        List<LlavaRecord> english = SyntheticInstructions.records(records, nonce, distinctShare, new Random(seed));
        ArtifactRef source = store.put("bench/" + nonce + "/english.json", TranslateStageBenchmark.json(english),
                "application/json", english.size());
        List<String> texts = english.stream().flatMap(r -> r.conversations().stream())
                .flatMap(t -> PlaceholderPreservingTranslator.pieces(t.value()).stream()).toList();
        TranslateConfig config = TranslateConfig.endpoint(endpoint.baseUrl(), "bench").chunkSize(CHUNK_SIZE)
                .concurrency((int) Math.ceil(capacity * CLIENT_FACTOR)).rateLimits(Integer.MAX_VALUE, Integer.MAX_VALUE)
                .maxAttempts(5).build();
        ChatClients clients = new ChatClients(new ApiKeys(Map.of()), Duration.ofMillis(100), Duration.ofSeconds(5));
        JsonNode before = endpoint.stats();
        long start = System.nanoTime();
        TranslateStageBenchmark.translate(store, tracker, clients, work, nonce, source, config, LANGUAGE, trackingRun);
        double seconds = (System.nanoTime() - start) / 1e9;
        int requests = endpoint.stats().path("requests").asInt() - before.path("requests").asInt();
        return new Result(english, seconds, requests, texts.size(), texts.stream().distinct().count());
    }

    void close() throws Exception {
        tracker.endRun(trackingRun, true);
    }
}
