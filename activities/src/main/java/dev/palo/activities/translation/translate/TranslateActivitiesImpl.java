package dev.palo.activities.translation.translate;

import dev.palo.activities.llm.OpenAiChatClient;
import dev.palo.activities.llm.RetryBudget;
import dev.palo.activities.stage.StageErrors;
import dev.palo.activities.stage.StageTemplate;
import dev.palo.activities.storage.CacheKey;
import dev.palo.activities.storage.Manifest;
import dev.palo.activities.storage.ObjectStore;
import dev.palo.activities.storage.StageLocation;
import dev.palo.activities.tracking.Tracker;
import dev.palo.activities.translation.base.TranslatorBundles;
import dev.palo.data.llava.LlavaJsonReader;
import dev.palo.data.llava.LlavaJsonWriter;
import dev.palo.data.llava.LlavaRecord;
import dev.palo.workflows.ArtifactRef;
import dev.palo.workflows.StageResult;
import dev.palo.workflows.translation.translate.TranslateActivities;
import dev.palo.workflows.translation.translate.TranslateRequest;
import dev.palo.workflows.translation.translate.TranslatorRef;
import io.temporal.activity.Activity;
import io.temporal.activity.ActivityExecutionContext;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * The translate stage. Works in chunks of samples, committed strictly in order: a chunk is written
 * to the store and heartbeated as committed once it and every earlier chunk are translated; a retry
 * resumes after the last committed chunk. At least {@link #CHUNKS_IN_FLIGHT} chunks translate at
 * once, so the backend stays busy across chunk boundaries; a chat endpoint gets more (up to
 * {@link #MAX_CHUNKS_IN_FLIGHT}) while its queue of distinct, uncached texts runs short. With a chat
 * endpoint every distinct text is sent once per language and translator: a {@link TranslationCache}
 * in the store, flushed with each commit, serves chunks, retries and later runs. The final
 * file is assembled from the chunks in order, so it is the same bytes wherever the work resumed.
 * Everything lands under the stage's {@link StageLocation}; the manifest comes last.
 */
public final class TranslateActivitiesImpl implements TranslateActivities {
    /** Chunks translating at once at least: the most a crash loses of a local translator's work. */
    public static final int CHUNKS_IN_FLIGHT = 2;
    /** Chunks in flight at most when their texts are mostly cached or duplicates (a chat endpoint only). */
    static final int MAX_CHUNKS_IN_FLIGHT = 64;
    /** Bump when the output for the same input and config changes: it is part of the cache key. */
    static final String CODE_VERSION = "1";
    static final String OUTPUT = "translated.json";
    /**
     * How long a failing attempt waits for requests already sent (5 ms to seconds each on a chat endpoint): long
     * enough for answers on their way, short beside any heartbeat timeout.
     */
    static final Duration SETTLE_PATIENCE = Duration.ofSeconds(10);
    /** Under the work root: local translator bundles, one folder per bundle digest. */
    static final String LOCAL_BUNDLES = "translator-bundles";
    private static final String MEDIA_TYPE = "application/json";
    /** Remote calls of a commit made at once: the cache segment, the chunks, their metrics. */
    private static final int COMMIT_THREADS = 8;
    /** Most time between heartbeats while a chunk's requests are in flight. */
    private static final Duration MAX_HEARTBEAT_POLL = Duration.ofSeconds(10);

    private final ObjectStore store;
    private final StageTemplate stage;
    private final Tracker tracker;
    private final ChatClients clients;
    private final LocalTranslators localTranslators;

    /**
     * {@code workRoot} holds each attempt's temporary files (source copy, chunk, output) and the
     * local translator bundles this worker downloaded.
     */
    public TranslateActivitiesImpl(ObjectStore store, Tracker tracker, ChatClients clients, Path workRoot) {
        this(store, tracker, clients,
                new LocalTranslators(new TranslatorBundles(store, workRoot.resolve(LOCAL_BUNDLES))::load), workRoot);
    }

    TranslateActivitiesImpl(ObjectStore store, Tracker tracker, ChatClients clients,
                            LocalTranslators localTranslators, Path workRoot) {
        this.store = store;
        this.stage = new StageTemplate(store, workRoot);
        this.tracker = tracker;
        this.clients = clients;
        this.localTranslators = localTranslators;
    }

    @Override
    public StageResult translate(TranslateRequest request) {
        ActivityExecutionContext context = Activity.getExecutionContext();
        StageLocation location = locate(request);
        return StageErrors.standard().llava(request.source()).run(() -> stage.run(location, "translate-", work -> {
            int committed = committedChunks(location, request.config().chunkSize(),
                    context.getHeartbeatDetails(Integer.class).orElse(0));
            int chunks = translateChunks(request, location, committed, work, context);
            return assemble(request, location, committed, chunks, work);
        }));
    }

    private static StageLocation locate(TranslateRequest request) {
        String language = request.language().code();
        return new StageLocation(request.runId(), STAGE, language, CacheKey.of(STAGE, CODE_VERSION, language,
                request.source().sha256(), translatorIdentity(request)));
    }

    /**
     * What decides the output besides the input (and the prompts, covered by the code version). For a
     * chat model: the endpoint and model, as before translators could be chosen (so earlier runs still
     * hit the cache); concurrency and rate limits do not change what comes out. For the local model:
     * its name, its weights and the chunk size, because generation is batched per chunk and a batch's
     * padding can change the arithmetic.
     */
    private static String translatorIdentity(TranslateRequest request) {
        TranslatorRef translator = request.translatorOrDefault();
        if (TranslatorRef.LOCAL.equals(translator.backend())) {
            return String.join("\n", TranslatorRef.LOCAL, translator.model(), translator.weights().sha256(),
                    "chunk " + request.config().chunkSize());
        }
        return request.config().baseUrl() + "\n" + translator.model();
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
    private LlavaJsonReader openChunk(TranslateRequest request, StageLocation location, boolean local, int chunk,
                                      Path work) throws IOException {
        if (local) {
            return LlavaJsonReader.open(localChunk(work, chunk));
        }
        ArtifactRef chunkRef = store.stat(chunkKey(location, request.config().chunkSize(), chunk)).orElseThrow(
                () -> new IOException("chunk missing from " + location.prefix() + "; heartbeat and store disagree"));
        InputStream in = store.open(chunkRef);
        return new LlavaJsonReader(in, chunkRef.uri());
    }

    private static String chunkKey(StageLocation location, int chunkSize, int chunk) {
        return location.key(String.format("chunks/size-%d/chunk-%06d.json", chunkSize, chunk));
    }

    /** Translates and commits every chunk from {@code committed} on; returns the chunk count. */
    private int translateChunks(TranslateRequest request, StageLocation location, int committed, Path work,
                                ActivityExecutionContext context) throws IOException {
        Path source = work.resolve("source.json");
        store.download(request.source(), source);
        int chunkSize = request.config().chunkSize();
        TranslationCache cache = openCache(request);
        try (TextTranslator texts = openTranslator(request, cache);
             LlavaJsonReader reader = LlavaJsonReader.open(source);
             ParallelIo io = new ParallelIo(COMMIT_THREADS)) {
            RecordTranslator translator = new RecordTranslator(texts, request.language().code());
            Iterator<List<LlavaRecord>> chunks = RecordChunks.of(reader, chunkSize);
            for (int chunk = 0; chunk < committed && chunks.hasNext(); chunk++) {
                chunks.next();
            }
            InOrderChunkCommitter<List<LlavaRecord>, List<LlavaRecord>> committer = new InOrderChunkCommitter<>(
                    CHUNKS_IN_FLIGHT, MAX_CHUNKS_IN_FLIGHT, heartbeatPoll(context.getInfo().getHeartbeatTimeout()),
                    context::heartbeat, texts::wantsMore);
            try {
                int total = committer.runBatched(committed, chunks, translator::translate, (first, batch) -> {
                    List<ParallelIo.Call> calls = new ArrayList<>();
                    if (cache != null) {
                        calls.add(cache::flush); // these chunks' translations, and those of chunks ahead, survive a crash
                    }
                    for (int i = 0; i < batch.size(); i++) {
                        int chunk = first + i;
                        List<LlavaRecord> translated = batch.get(i);
                        Path file = localChunk(work, chunk); // kept: the output is assembled from it
                        try (LlavaJsonWriter writer = LlavaJsonWriter.create(file)) {
                            translated.forEach(writer::write);
                        }
                        calls.add(() -> store.put(chunkKey(location, chunkSize, chunk), file, MEDIA_TYPE,
                                translated.size()));
                        calls.add(() -> tracker.logMetric(request.trackingRunId(), "chunk.corrupt",
                                translated.stream().filter(r -> Boolean.TRUE.equals(r.corrupt())).count(), chunk));
                    }
                    // the batch's round trips at once: one after another, they bounded the stage's pace
                    io.all(calls);
                    context.heartbeat(first + batch.size());
                });
                if (cache != null) {
                    cache.snapshotIfDue(); // the next open of this namespace reads one object, not this stage's segments
                }
                return total;
            } catch (RuntimeException failed) {
                // what was paid for before the failure, answers still on their way included, is not asked for again
                settleQuietly(texts, failed);
                flushQuietly(cache, failed);
                throw failed;
            }
        }
    }

    /** The chat backend's cache of translations; none for the local translator (batched per chunk). */
    private TranslationCache openCache(TranslateRequest request) throws IOException {
        TranslatorRef translator = request.translatorOrDefault();
        if (TranslatorRef.LOCAL.equals(translator.backend()) || !request.config().hasEndpoint()) {
            return null;
        }
        return TranslationCache.open(store, request.language().code(), translatorIdentity(request),
                TranslationPrompt.VERSION);
    }

    private static void settleQuietly(TextTranslator texts, RuntimeException failure) {
        try {
            texts.settle(SETTLE_PATIENCE);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            failure.addSuppressed(e);
        }
    }

    private static void flushQuietly(TranslationCache cache, RuntimeException failure) {
        if (cache == null) {
            return;
        }
        try {
            cache.flush();
        } catch (IOException | RuntimeException e) {
            failure.addSuppressed(e);
        }
    }

    /** The request's backend: the chat endpoint (with the translator's model), or the local model. */
    private TextTranslator openTranslator(TranslateRequest request, TranslationCache cache) throws IOException {
        TranslatorRef translator = request.translatorOrDefault();
        if (TranslatorRef.LOCAL.equals(translator.backend())) {
            return localTranslators.open(translator, request.language().code());
        }
        if (!request.config().hasEndpoint()) {
            throw StageErrors.invalid("chat translator '" + translator.model() + "' named, but"
                    + " this run's translate settings have no endpoint (baseUrl)");
        }
        OpenAiChatClient client = clients.forConfig(request.config().withModel(translator.model()));
        int maxAttempts = request.config().maxAttempts();
        return new ChatTextTranslator(TranslationPrompt.through(client, request.language().name()),
                request.config().concurrency(), cache, texts -> RetryBudget.forChunk(texts, maxAttempts));
    }

    /**
     * Half the heartbeat timeout, so a short timeout set for fast failover still sees heartbeats
     * while a slow chunk is in flight; no timeout (a test environment) polls at the maximum.
     */
    private static Duration heartbeatPoll(Duration heartbeatTimeout) {
        Duration half = heartbeatTimeout.dividedBy(2);
        return half.isZero() || half.compareTo(MAX_HEARTBEAT_POLL) > 0 ? MAX_HEARTBEAT_POLL : half;
    }

    private static Path localChunk(Path work, int chunk) {
        return work.resolve(String.format("chunk-%06d.json", chunk));
    }

    /**
     * Concatenates the committed chunks in order into the stage output and counts what it holds: those
     * this attempt committed from its local copies, those of earlier attempts from the store.
     */
    private Manifest assemble(TranslateRequest request, StageLocation location, int resumedAt, int chunks, Path work)
            throws IOException {
        Path output = work.resolve(OUTPUT);
        long samples = 0;
        long turns = 0;
        long corrupt = 0;
        try (LlavaJsonWriter writer = LlavaJsonWriter.create(output)) {
            for (int chunk = 0; chunk < chunks; chunk++) {
                try (LlavaJsonReader reader = openChunk(request, location, chunk >= resumedAt, chunk, work)) {
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

}
