package dev.palo.activities.translate;

import dev.palo.activities.llm.ChatException;
import dev.palo.activities.llm.OpenAiChatClient;
import dev.palo.activities.storage.CacheKey;
import dev.palo.activities.storage.Manifest;
import dev.palo.activities.storage.ObjectStore;
import dev.palo.activities.storage.StageLocation;
import dev.palo.activities.storage.StageOutputs;
import dev.palo.activities.tracking.Tracker;
import dev.palo.data.llava.LlavaFormatException;
import dev.palo.data.llava.LlavaJsonReader;
import dev.palo.data.llava.LlavaJsonWriter;
import dev.palo.data.llava.LlavaRecord;
import dev.palo.workflows.ArtifactRef;
import dev.palo.workflows.FailureTypes;
import dev.palo.workflows.StageResult;
import dev.palo.workflows.translate.TranslateActivities;
import dev.palo.workflows.translate.TranslateRequest;
import io.temporal.activity.Activity;
import io.temporal.activity.ActivityExecutionContext;
import io.temporal.failure.ApplicationFailure;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;

/**
 * The translate stage. Works in chunks of samples: each chunk is translated concurrently, written
 * to the store, then heartbeated as committed; a retry resumes after the last committed chunk.
 * The final file is assembled from the chunks in order, so it is the same bytes wherever the
 * work resumed. Everything lands under the stage's {@link StageLocation}; the manifest comes last.
 */
public final class TranslateActivitiesImpl implements TranslateActivities {
    /** Bump when the output for the same input and config changes: it is part of the cache key. */
    static final String CODE_VERSION = "1";
    static final String OUTPUT = "translated.json";
    private static final String MEDIA_TYPE = "application/json";
    /** Most time between heartbeats while a chunk's requests are in flight. */
    private static final Duration MAX_HEARTBEAT_POLL = Duration.ofSeconds(10);

    private final ObjectStore store;
    private final StageOutputs outputs;
    private final Tracker tracker;
    private final ChatClients clients;
    private final Path workRoot;

    /** {@code workRoot} holds each attempt's temporary files (source copy, chunk, output). */
    public TranslateActivitiesImpl(ObjectStore store, Tracker tracker, ChatClients clients, Path workRoot) {
        this.store = store;
        this.outputs = new StageOutputs(store);
        this.tracker = tracker;
        this.clients = clients;
        this.workRoot = workRoot;
    }

    @Override
    public StageResult translate(TranslateRequest request) {
        ActivityExecutionContext context = Activity.getExecutionContext();
        StageLocation location = locate(request);
        try {
            Optional<StageResult> done = outputs.reuse(location);
            if (done.isPresent()) {
                return done.get();
            }
            int committed = committedChunks(location, request.config().chunkSize(),
                    context.getHeartbeatDetails(Integer.class).orElse(0));
            Files.createDirectories(workRoot);
            Path work = Files.createTempDirectory(workRoot, "translate-");
            try {
                int chunks = translateChunks(request, location, committed, work, context);
                return outputs.commit(location, assemble(request, location, chunks, work));
            } finally {
                deleteRecursively(work);
            }
        } catch (LlavaFormatException e) {
            throw ApplicationFailure.newNonRetryableFailure(
                    request.source().uri() + " is not valid LLaVA JSON: " + e.getMessage(), FailureTypes.INVALID_INPUT);
        } catch (ChatException e) {
            if (e.isPermanent()) {
                throw ApplicationFailure.newNonRetryableFailure(e.getMessage(), FailureTypes.INVALID_INPUT);
            }
            throw e;
        } catch (IOException e) {
            throw Activity.wrap(e);
        }
    }

    /**
     * Only the endpoint and model decide what comes out (with the prompts, covered by the code
     * version); batching, concurrency and rate limits do not, so changing them still hits the cache.
     */
    private static StageLocation locate(TranslateRequest request) {
        String language = request.language().code();
        String translator = request.config().baseUrl() + "\n" + request.config().model();
        return new StageLocation(request.runId(), STAGE, language,
                CacheKey.of(STAGE, CODE_VERSION, language, request.source().sha256(), translator));
    }

    /**
     * Chunks already in the store: those the last heartbeat reported, plus any committed after it
     * whose heartbeat was still throttled when the worker died.
     */
    private int committedChunks(StageLocation location, int chunkSize, int heartbeated) throws IOException {
        int committed = heartbeated;
        while (store.exists(chunkKey(location, chunkSize, committed))) {
            committed++;
        }
        return committed;
    }

    /** Chunk boundaries depend on the chunk size, so it names the folder the chunks live in. */
    private static String chunkKey(StageLocation location, int chunkSize, int chunk) {
        return location.key(String.format("chunks/size-%d/chunk-%06d.json", chunkSize, chunk));
    }

    /** Translates and commits every chunk from {@code committed} on; returns the chunk count. */
    private int translateChunks(TranslateRequest request, StageLocation location, int committed, Path work,
                                ActivityExecutionContext context) throws IOException {
        Path source = work.resolve("source.json");
        store.download(request.source(), source);
        OpenAiChatClient client = clients.forConfig(request.config());
        RecordTranslator translator = new RecordTranslator(new PlaceholderPreservingTranslator(
                TranslationPrompt.through(client, request.language().name())), request.language().code());
        Duration heartbeatPoll = heartbeatPoll(context.getInfo().getHeartbeatTimeout());
        ExecutorService pool = Executors.newFixedThreadPool(request.config().concurrency());
        try (LlavaJsonReader reader = LlavaJsonReader.open(source)) {
            int chunk = 0;
            while (reader.hasNext()) {
                List<LlavaRecord> batch = new ArrayList<>(request.config().chunkSize());
                while (batch.size() < request.config().chunkSize() && reader.hasNext()) {
                    batch.add(reader.next());
                }
                if (chunk >= committed) {
                    List<LlavaRecord> translated = translateBatch(batch, translator, pool, context, heartbeatPoll,
                            chunk);
                    Path file = work.resolve("chunk.json");
                    try (LlavaJsonWriter writer = LlavaJsonWriter.create(file)) {
                        translated.forEach(writer::write);
                    }
                    store.put(chunkKey(location, request.config().chunkSize(), chunk), file, MEDIA_TYPE,
                            translated.size());
                    context.heartbeat(chunk + 1);
                    tracker.logMetric(request.trackingRunId(), "chunk.corrupt",
                            translated.stream().filter(r -> Boolean.TRUE.equals(r.corrupt())).count(), chunk);
                }
                chunk++;
            }
            return chunk;
        } finally {
            pool.shutdownNow();
        }
    }

    /**
     * Half the heartbeat timeout, so a short timeout set for fast failover still sees heartbeats
     * while a slow chunk is in flight; no timeout (a test environment) polls at the maximum.
     */
    private static Duration heartbeatPoll(Duration heartbeatTimeout) {
        Duration half = heartbeatTimeout.dividedBy(2);
        return half.isZero() || half.compareTo(MAX_HEARTBEAT_POLL) > 0 ? MAX_HEARTBEAT_POLL : half;
    }

    /**
     * Samples run concurrently; results are collected in input order, so output order is fixed.
     * Meanwhile the last committed chunk is heartbeated every {@code heartbeatPoll}, whether the
     * time goes to one slow, rate-limited request or to many quick ones.
     */
    private static List<LlavaRecord> translateBatch(List<LlavaRecord> batch, RecordTranslator translator,
                                                    ExecutorService pool, ActivityExecutionContext context,
                                                    Duration heartbeatPoll, int chunk) {
        List<Future<LlavaRecord>> pending = batch.stream().map(r -> pool.submit(() -> translator.translate(r))).toList();
        List<LlavaRecord> done = new ArrayList<>(batch.size());
        long nextHeartbeat = System.nanoTime() + heartbeatPoll.toNanos();
        for (Future<LlavaRecord> future : pending) {
            Optional<LlavaRecord> translated;
            while ((translated = awaitUntil(future, nextHeartbeat)).isEmpty()) {
                context.heartbeat(chunk);
                nextHeartbeat = System.nanoTime() + heartbeatPoll.toNanos();
            }
            done.add(translated.get());
        }
        return done;
    }

    /** The sample's translation, or empty when {@code deadlineNanos} (a {@link System#nanoTime()}) comes first. */
    private static Optional<LlavaRecord> awaitUntil(Future<LlavaRecord> future, long deadlineNanos) {
        try {
            return Optional.of(future.get(Math.max(0, deadlineNanos - System.nanoTime()), TimeUnit.NANOSECONDS));
        } catch (TimeoutException notYet) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw Activity.wrap(e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw Activity.wrap(e.getCause());
        }
    }

    /** Concatenates the committed chunks in order into the stage output and counts what it holds. */
    private Manifest assemble(TranslateRequest request, StageLocation location, int chunks, Path work)
            throws IOException {
        Path output = work.resolve(OUTPUT);
        long samples = 0;
        long turns = 0;
        long corrupt = 0;
        try (LlavaJsonWriter writer = LlavaJsonWriter.create(output)) {
            for (int chunk = 0; chunk < chunks; chunk++) {
                ArtifactRef chunkRef = store.stat(chunkKey(location, request.config().chunkSize(), chunk)).orElseThrow(
                        () -> new IOException("chunk missing from " + location.prefix() + "; heartbeat and store disagree"));
                try (InputStream in = store.open(chunkRef);
                     LlavaJsonReader reader = new LlavaJsonReader(in, chunkRef.uri())) {
                    while (reader.hasNext()) {
                        LlavaRecord record = reader.next();
                        writer.write(record);
                        samples++;
                        turns += record.conversations().size();
                        corrupt += Boolean.TRUE.equals(record.corrupt()) ? 1 : 0;
                    }
                }
            }
        }
        ArtifactRef ref = store.put(location.key(OUTPUT), output, MEDIA_TYPE, samples);
        return new Manifest(STAGE, request.language().code(), request.runId(), location.cacheKey(), CODE_VERSION,
                request.source(), ref, false, Map.of(
                        "samples", (double) samples, "turns", (double) turns, "corrupt", (double) corrupt,
                        "chunks", (double) chunks));
    }

    private static void deleteRecursively(Path folder) throws IOException {
        try (Stream<Path> paths = Files.walk(folder)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }
}
