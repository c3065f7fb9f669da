package dev.palo.activities.evaluate;

import dev.palo.workflows.progress.StageWork;
import io.temporal.common.converter.DataConverterException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.palo.activities.stage.StageErrors;
import dev.palo.activities.stage.StageTemplate;
import dev.palo.activities.storage.CacheKey;
import dev.palo.activities.storage.Manifest;
import dev.palo.activities.storage.ObjectStore;
import dev.palo.activities.storage.Sha256;
import dev.palo.activities.storage.StageLocation;
import dev.palo.activities.storage.StoredDirectory;
import dev.palo.activities.tracking.Tracker;
import dev.palo.data.bench.BenchAnswer;
import dev.palo.data.bench.BenchQuestion;
import dev.palo.data.bench.BenchReader;
import dev.palo.data.lang.Language;
import dev.palo.model.checkpoint.ModelCheckpoint;
import dev.palo.workflows.ArtifactRef;
import dev.palo.workflows.StageResult;
import dev.palo.workflows.evaluate.EvaluateActivities;
import dev.palo.workflows.evaluate.GenerateRequest;
import io.temporal.activity.ActivityExecutionContext;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The generate stage. Chunks of one language's questions are decoded as a batch, stored, then
 * heartbeated as committed; a retry starts after the last committed chunk. Greedy decoding of
 * fixed batches gives the same answers wherever the work resumed, and the per-language answer
 * files are assembled from the chunks in order, so their bytes do not depend on crashes either.
 */
final class AnswerGeneration {
    /** Bump when the answers for the same inputs and config change: it is part of the cache key. */
    static final String CODE_VERSION = "1";
    static final String ANSWERS = "answers";
    private static final String MEDIA_TYPE = "application/x-ndjson";
    private static final String CHUNKS = "chunks";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final ObjectStore store;
    private final StageTemplate stage;
    private final StoredDirectory directories;
    private final EvaluateInputs inputs;
    private final Tracker tracker;

    AnswerGeneration(ObjectStore store, StoredDirectory directories, EvaluateInputs inputs, Tracker tracker,
                     Path workRoot) {
        this.store = store;
        this.stage = new StageTemplate(store, workRoot);
        this.directories = directories;
        this.inputs = inputs;
        this.tracker = tracker;
    }

    StageResult generate(GenerateRequest request, ActivityExecutionContext context) throws IOException {
        if (request.runId() == null || request.arm() == null || request.config() == null) {
            throw StageErrors.invalid("generate needs runId, arm and config, got " + request);
        }
        List<Language> languages = inputs.languages(request.languages());
        StageLocation location = locate(request);
        // the scratch folder is where the answer files are assembled, once every chunk is stored
        return stage.run(location, "evaluate-answers-",
                folder -> answerAll(request, context, languages, location, folder));
    }

    /** Answers the chunks not stored yet, then assembles the answer files; their manifest to commit. */
    private Manifest answerAll(GenerateRequest request, ActivityExecutionContext context, List<Language> languages,
                               StageLocation location, Path folder) throws IOException {
        Path bench = inputs.folder(request.bench(), "bench");
        BenchReader reader = inputs.bench(bench);
        List<AnswerChunk> chunks = plan(reader, languages, request.config().batchSize());
        int committed = committedChunks(location, chunks, heartbeatedChunks(context));
        long started = System.nanoTime();
        long newTokens = 0;
        if (committed < chunks.size()) {
            Path bundle = inputs.folder(request.model(), "model bundle");
            // named by the weights' digest, not the bundle's location, so equal models answer alike
            String modelId = request.arm().code() + "-"
                    + Sha256.of(bundle.resolve(ModelCheckpoint.MODEL)).substring(0, 12);
            try (BenchAnswerer answerer = new BenchAnswerer(bundle, request.config().maxNewTokens())) {
                String arm = request.arm().code();
                context.heartbeat(work(arm, chunks, committed)); // downloading and loading took time: still alive
                for (AnswerChunk chunk : chunks.subList(committed, chunks.size())) {
                    newTokens += answerChunk(location, chunk, answerer, reader.layout().images(), modelId);
                    context.heartbeat(work(arm, chunks, chunk.number() + 1));
                }
            }
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        return assemble(request, location, languages, chunks, newTokens, seconds, folder);
    }

    /** The model and bench digests with the languages; decoding settings are the config. */
    private static StageLocation locate(GenerateRequest request) throws IOException {
        String arm = request.arm().code();
        String input = request.model().sha256() + "\n" + request.bench().sha256() + "\n"
                + String.join(",", request.languages());
        // sorted: Map.of iterates in an order that differs from JVM to JVM, which made the key miss after a restart
        String config = JSON.writeValueAsString(new TreeMap<>(Map.of("maxNewTokens", request.config().maxNewTokens(),
                "batchSize", request.config().batchSize(), "template", BenchAnswerer.TEMPLATE)));
        return new StageLocation(request.runId(), EvaluateActivities.ANSWERS_STAGE, arm,
                CacheKey.of(EvaluateActivities.ANSWERS_STAGE, CODE_VERSION, arm, Sha256.of(input), config));
    }

    private static List<AnswerChunk> plan(BenchReader reader, List<Language> languages, int batchSize)
            throws IOException {
        List<AnswerChunk> chunks = new ArrayList<>();
        for (Language language : languages) {
            List<BenchQuestion> questions = reader.read(language).questions();
            for (int from = 0, index = 0; from < questions.size(); from += batchSize, index++) {
                chunks.add(new AnswerChunk(chunks.size(), language.code(), index,
                        questions.subList(from, Math.min(from + batchSize, questions.size()))));
            }
        }
        return chunks;
    }

    /**
     * The heartbeat: bench questions answered of all (for the dashboard) and the chunks committed (where a retry
     * resumes).
     */
    private static StageWork work(String arm, List<AnswerChunk> chunks, int committed) {
        long answered = chunks.subList(0, committed).stream().mapToLong(chunk -> chunk.questions().size()).sum();
        long total = chunks.stream().mapToLong(chunk -> chunk.questions().size()).sum();
        return new StageWork(arm, answered, total, "answers", Map.of(CHUNKS, (long) committed));
    }

    /**
     * The chunks the last attempt heartbeated; none from a heartbeat of another shape (an attempt of an older
     * worker): the store then tells which chunks are committed.
     */
    private static int heartbeatedChunks(ActivityExecutionContext context) {
        try {
            return context.getHeartbeatDetails(StageWork.class)
                    .map(work -> work.counts().getOrDefault(CHUNKS, 0L).intValue()).orElse(0);
        } catch (DataConverterException e) {
            return 0;
        }
    }

    /** Chunks in the store: those heartbeated, plus any committed whose heartbeat was lost with the worker. */
    private int committedChunks(StageLocation location, List<AnswerChunk> chunks, int heartbeated) throws IOException {
        int committed = Math.min(heartbeated, chunks.size());
        while (committed < chunks.size() && store.exists(chunkKey(location, chunks.get(committed)))) {
            committed++;
        }
        return committed;
    }

    private static String chunkKey(StageLocation location, AnswerChunk chunk) {
        return location.key(String.format("chunks/%s/chunk-%06d.jsonl", chunk.language(), chunk.index()));
    }

    /** Decodes and stores one chunk; returns the tokens generated. */
    private long answerChunk(StageLocation location, AnswerChunk chunk, BenchAnswerer answerer, Path images,
                             String modelId) throws IOException {
        List<BenchAnswerer.Reply> replies = answerer.answer(chunk.questions(), images);
        StringBuilder lines = new StringBuilder();
        long tokens = 0;
        for (int i = 0; i < replies.size(); i++) {
            BenchQuestion question = chunk.questions().get(i);
            BenchAnswerer.Reply reply = replies.get(i);
            ObjectNode metadata = JSON.createObjectNode().put("language", chunk.language())
                    .put("new_tokens", reply.newTokens());
            // model_vqa.py draws a random shortuuid; a digest keeps reruns byte-identical
            String answerId = Sha256.of(modelId + "\n" + chunk.language() + "\n" + question.questionId() + "\n"
                    + reply.text()).substring(0, 22);
            BenchAnswer answer = new BenchAnswer(question.questionId(), question.text(), reply.text(), answerId,
                    modelId, metadata, Map.of());
            lines.append(JSON.writeValueAsString(answer)).append('\n');
            tokens += reply.newTokens();
        }
        store.put(chunkKey(location, chunk), lines.toString().getBytes(StandardCharsets.UTF_8), MEDIA_TYPE,
                replies.size());
        return tokens;
    }

    /** Per language the chunks in order as {@code <code>.jsonl}, stored as one directory. */
    private Manifest assemble(GenerateRequest request, StageLocation location, List<Language> languages,
                              List<AnswerChunk> chunks, long newTokens, double seconds, Path folder) throws IOException {
        for (Language language : languages) {
            Path file = folder.resolve(language.code() + ".jsonl");
            Files.createFile(file);
            for (AnswerChunk chunk : chunks) {
                if (chunk.language().equals(language.code())) {
                    ArtifactRef ref = store.stat(chunkKey(location, chunk)).orElseThrow(() -> new IOException(
                            "chunk " + chunk.number() + " missing from " + location.prefix()
                                    + "; heartbeat and store disagree"));
                    try (InputStream in = store.open(ref)) {
                        Files.write(file, in.readAllBytes(), StandardOpenOption.APPEND);
                    }
                }
            }
        }
        ArtifactRef answers = directories.upload(location.key(ANSWERS), folder);
        Map<String, Double> metrics = new LinkedHashMap<>();
        metrics.put("answers", (double) chunks.stream().mapToInt(c -> c.questions().size()).sum());
        metrics.put("chunks", (double) chunks.size());
        if (newTokens > 0) {
            metrics.put("generation.tokens", (double) newTokens);
            metrics.put("generation.tokens_per_second", newTokens / seconds);
            tracker.logMetric(request.trackingRunId(), "generation.tokens_per_second", newTokens / seconds, 0);
        }
        return new Manifest(EvaluateActivities.ANSWERS_STAGE, request.arm().code(), request.runId(),
                location.cacheKey(), CODE_VERSION, request.model(), answers, false, metrics);
    }
}
