package dev.palo.activities.review;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.palo.activities.stage.StageErrors;
import dev.palo.activities.stage.StageTemplate;
import dev.palo.activities.storage.CacheKey;
import dev.palo.activities.storage.Manifest;
import dev.palo.activities.storage.ObjectStore;
import dev.palo.activities.storage.StageLocation;
import dev.palo.activities.tracking.Tracker;
import dev.palo.data.llava.LlavaJsonReader;
import dev.palo.data.llava.LlavaJsonWriter;
import dev.palo.data.llava.LlavaRecord;
import dev.palo.data.llava.Turn;
import dev.palo.workflows.ArtifactRef;
import dev.palo.workflows.StageResult;
import dev.palo.workflows.review.CorrectedPairsRequest;
import dev.palo.workflows.review.DecidedTask;
import dev.palo.workflows.review.ReviewActivities;
import dev.palo.workflows.review.ReviewConfig;
import dev.palo.workflows.review.ReviewDecision;
import dev.palo.workflows.review.ReviewSample;
import dev.palo.workflows.review.ReviewSampleRequest;
import dev.palo.workflows.review.ReviewTask;
import dev.palo.workflows.review.ReviewTurn;
import dev.palo.workflows.review.ReviewVerdict;
import dev.palo.workflows.review.ReviewerMode;
import dev.palo.workflows.review.StoreDecisionRequest;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * The review stage's activities on the object store. The sample and the corrected pairs are
 * derived from their inputs only, so retries rewrite equal bytes; decisions are written under
 * their task and version, each once.
 */
public final class ReviewActivitiesImpl implements ReviewActivities {
    /** Bump when the output for the same input and config changes: it is part of the cache keys. */
    static final String CODE_VERSION = "1";
    static final String SAMPLE = "sample.json";
    static final String PAIRS = "corrected-pairs.json";
    static final String REPORT = "review-report.json";
    static final String MODE_TAG = "palo.review.mode";
    /** The field of a corrected pair that says how review decided it. */
    static final String REVIEW_FIELD = "review";
    private static final String MEDIA_TYPE = "application/json";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final ObjectStore store;
    private final StageTemplate stage;
    private final Tracker tracker;

    public ReviewActivitiesImpl(ObjectStore store, Tracker tracker) {
        this.store = store;
        this.stage = new StageTemplate(store);
        this.tracker = tracker;
    }

    @Override
    public ReviewSample sample(ReviewSampleRequest request) {
        ReviewConfig config = request.config();
        String code = request.language().code();
        return StageErrors.standard().llava(request.postEdited()).run(() -> {
            tracker.setTag(request.trackingRunId(), MODE_TAG, config.mode().name().toLowerCase(Locale.ROOT));
            String sampling = "size=" + config.sampleSize() + ";bounds=" + config.lengthBounds() + ";seed="
                    + config.seed() + ";mode=" + config.mode();
            StageLocation location = new StageLocation(request.runId(), STAGE, code, CacheKey.of(STAGE + "-sample",
                    CODE_VERSION, code, request.postEdited().sha256(), sampling));
            Optional<ArtifactRef> existing = store.stat(location.key(SAMPLE));
            ReviewSampleFile file;
            ArtifactRef ref;
            if (existing.isPresent()) {
                ref = existing.get();
                file = readSample(ref);
            } else {
                file = draw(request, code);
                ref = store.put(location.key(SAMPLE), JSON.writeValueAsBytes(file), MEDIA_TYPE, file.items().size());
            }
            List<ReviewTask> tasks = file.items().stream()
                    .map(item -> new ReviewTask(item.taskId(), code, item.recordId(), item.flagged())).toList();
            List<DecidedTask> decided = new ArrayList<>();
            for (Map.Entry<String, ArtifactRef> latest : latestDecisions(request.runId(), code).entrySet()) {
                StoredDecision stored = readDecision(latest.getValue());
                decided.add(new DecidedTask(latest.getKey(), stored.version(), stored.verdict()));
            }
            return new ReviewSample(ref, tasks, closesAt(request), decided);
        });
    }

    /** The deadline written at the review's first opening; later calls (after continue-as-new) read it back. */
    private long closesAt(ReviewSampleRequest request) throws IOException {
        String code = request.language().code();
        Optional<Long> fixed = ReviewWindow.read(store, request.runId(), code);
        if (fixed.isPresent()) {
            return fixed.get();
        }
        long closesAt = request.nowMillis() + request.config().deadline().toMillis();
        ReviewWindow.write(store, request.runId(), code, closesAt);
        return closesAt;
    }

    /** Two passes over the post-edited file: candidates to stratify, then the texts of the drawn ones. */
    private ReviewSampleFile draw(ReviewSampleRequest request, String code) throws IOException {
        ArtifactRef input = request.postEdited();
        StratifiedSampler sampler = new StratifiedSampler(request.config().sampleSize(),
                request.config().lengthBounds(), request.config().seed());
        List<ReviewCandidate> candidates = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        try (InputStream in = store.open(input); LlavaJsonReader reader = new LlavaJsonReader(in, input.uri())) {
            while (reader.hasNext()) {
                LlavaRecord record = reader.next();
                if (record.englishConversations() == null) {
                    throw StageErrors.invalid("sample '" + record.id() + "' of " + input.uri()
                            + " has no english_conversations: not a post-edit output");
                }
                if (!ids.add(record.id())) {
                    throw StageErrors.invalid(input.uri() + " repeats record id '" + record.id()
                            + "': review tasks need unique ids");
                }
                candidates.add(new ReviewCandidate(record.id(), Boolean.TRUE.equals(record.corrupt()),
                        characters(record.englishConversations())));
            }
        }
        Map<String, Integer> position = new HashMap<>();
        List<ReviewCandidate> drawn = sampler.sample(candidates);
        for (int i = 0; i < drawn.size(); i++) {
            position.put(drawn.get(i).recordId(), i);
        }
        ReviewItem[] items = new ReviewItem[drawn.size()];
        try (InputStream in = store.open(input); LlavaJsonReader reader = new LlavaJsonReader(in, input.uri())) {
            while (reader.hasNext()) {
                LlavaRecord record = reader.next();
                Integer at = position.get(record.id());
                if (at != null) {
                    ReviewCandidate candidate = drawn.get(at);
                    items[at] = new ReviewItem(String.format("%s-%05d", code, at), code, record.id(),
                            candidate.flagged(), sampler.stratum(candidate.englishChars()), record.image(),
                            ReviewTurns.of(record.englishConversations()), ReviewTurns.of(record.conversations()));
                }
            }
        }
        return new ReviewSampleFile(code, request.config().mode(), List.of(items));
    }

    @Override
    public ArtifactRef storeDecision(StoreDecisionRequest request) {
        ReviewDecision decision = request.decision();
        return StageErrors.standard().run(() -> {
            ReviewSampleFile sample = readSample(request.sample());
            ReviewItem item = sample.items().stream().filter(i -> i.taskId().equals(decision.taskId())).findFirst()
                    .orElseThrow(() -> StageErrors.invalid("task '" + decision.taskId() + "' is not in "
                            + request.sample().uri()));
            if (decision.verdict() == ReviewVerdict.CORRECT) {
                requireFits(decision, item);
            }
            StoredDecision stored = new StoredDecision(decision.taskId(), decision.language(), item.recordId(),
                    decision.reviewer(), sample.mode(), decision.verdict(), request.version(), decision.corrected());
            return store.put(ReviewKeys.decision(request.runId(), decision.language(), decision.taskId(),
                    request.version()), JSON.writeValueAsBytes(stored), MEDIA_TYPE, 1);
        });
    }

    /** A correction replaces the translation turn for turn: same speakers, same {@code <image>} placement. */
    private static void requireFits(ReviewDecision decision, ReviewItem item) {
        List<ReviewTurn> corrected = decision.corrected();
        if (corrected.size() != item.translation().size()) {
            throw StageErrors.invalid("correction of task '" + decision.taskId() + "' has " + corrected.size()
                    + " turns but the conversation has " + item.translation().size());
        }
        for (int t = 0; t < corrected.size(); t++) {
            ReviewTurn english = item.english().get(t);
            if (!corrected.get(t).from().equals(english.from())) {
                throw StageErrors.invalid("turn " + t + " of the correction of task '" + decision.taskId()
                        + "' is from '" + corrected.get(t).from() + "' but the conversation's is from '" + english.from()
                        + "'");
            }
            if (corrected.get(t).value().contains(Turn.IMAGE_TOKEN) != english.value().contains(Turn.IMAGE_TOKEN)) {
                throw StageErrors.invalid("turn " + t + " of the correction of task '" + decision.taskId() + "' must "
                        + (english.value().contains(Turn.IMAGE_TOKEN) ? "keep" : "not add") + " " + Turn.IMAGE_TOKEN);
            }
        }
    }

    @Override
    public StageResult buildCorrectedPairs(CorrectedPairsRequest request) {
        String code = request.language().code();
        return StageErrors.standard().run(() -> {
            Map<String, StoredDecision> latest = new TreeMap<>();
            StringBuilder identity = new StringBuilder("input=" + request.postEdited().sha256() + ";quorumMet="
                    + request.quorumMet() + ";mode=" + request.mode());
            for (Map.Entry<String, ArtifactRef> entry : latestDecisions(request.runId(), code).entrySet()) {
                latest.put(entry.getKey(), readDecision(entry.getValue()));
                identity.append(';').append(entry.getValue().sha256());
            }
            StageLocation location = new StageLocation(request.runId(), STAGE, code, CacheKey.of(STAGE, CODE_VERSION,
                    code, request.sample().sha256(), identity.toString()));
            return stage.run(location, () -> writePairs(request, location, readSample(request.sample()), latest));
        });
    }

    /** Task id → its highest stored version, in task id order. */
    private Map<String, ArtifactRef> latestDecisions(String runId, String code) throws IOException {
        Map<String, String> keys = new TreeMap<>();
        for (String key : store.list(ReviewKeys.corrections(runId, code))) {
            keys.merge(ReviewKeys.taskId(key), key, (a, b) -> ReviewKeys.version(a) >= ReviewKeys.version(b) ? a : b);
        }
        Map<String, ArtifactRef> latest = new TreeMap<>();
        for (Map.Entry<String, String> entry : keys.entrySet()) {
            latest.put(entry.getKey(), store.stat(entry.getValue()).orElseThrow(
                    () -> new IOException(entry.getValue() + " was listed but is gone")));
        }
        return latest;
    }

    private Manifest writePairs(CorrectedPairsRequest request, StageLocation location, ReviewSampleFile sample,
                                Map<String, StoredDecision> latest) throws IOException {
        String code = request.language().code();
        Map<ReviewVerdict, Integer> verdicts = new TreeMap<>();
        ByteArrayOutputStream pairs = new ByteArrayOutputStream();
        long written;
        List<ObjectNode> decisions = new ArrayList<>();
        try (LlavaJsonWriter writer = new LlavaJsonWriter(pairs)) {
            for (ReviewItem item : sample.items()) {
                StoredDecision decision = latest.get(item.taskId());
                if (decision == null) {
                    continue;
                }
                verdicts.merge(decision.verdict(), 1, Integer::sum);
                ObjectNode review = JSON.createObjectNode().put("taskId", item.taskId())
                        .put("verdict", decision.verdict().name()).put("reviewer", decision.reviewer())
                        .put("version", decision.version()).put("mode", decision.mode().name());
                decisions.add(review.deepCopy().put("recordId", item.recordId()));
                if (decision.verdict() == ReviewVerdict.REJECT) {
                    continue;
                }
                List<ReviewTurn> translation = decision.verdict() == ReviewVerdict.CORRECT
                        ? decision.corrected() : item.translation();
                writer.write(new LlavaRecord(item.recordId(), item.image(), ReviewTurns.toLlava(translation),
                        ReviewTurns.toLlava(item.english()), Map.of(),
                        false, code, Map.of(REVIEW_FIELD, review)));
            }
            written = writer.written();
        }
        Map<String, Double> metrics = new LinkedHashMap<>();
        metrics.put("samples", (double) request.postEdited().recordCount());
        metrics.put("review.tasks", (double) sample.items().size());
        metrics.put("review.flaggedTasks", (double) sample.items().stream().filter(ReviewItem::flagged).count());
        metrics.put("review.decided", (double) latest.size());
        for (ReviewVerdict verdict : ReviewVerdict.values()) {
            metrics.put("review." + verdict.name().toLowerCase(Locale.ROOT), (double) verdicts.getOrDefault(verdict, 0));
        }
        metrics.put("review.pairs", (double) written);
        metrics.put("review.quorumMet", request.quorumMet() ? 1.0 : 0.0);
        metrics.put("review.simulated", request.mode() == ReviewerMode.SIMULATED ? 1.0 : 0.0);

        ObjectNode report = JSON.createObjectNode().put("language", code).put("mode", request.mode().name())
                .put("quorumMet", request.quorumMet());
        report.set("counts", JSON.valueToTree(metrics));
        report.set("decisions", JSON.valueToTree(decisions));
        byte[] reportBytes = JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(report);
        store.put(location.key(REPORT), reportBytes, MEDIA_TYPE, decisions.size());
        tracker.uploadArtifact(request.trackingRunId(), "reports/" + REPORT, reportBytes, MEDIA_TYPE);
        ArtifactRef ref = store.put(location.key(PAIRS), pairs.toByteArray(), MEDIA_TYPE, written);
        return new Manifest(STAGE, code, request.runId(), location.cacheKey(), CODE_VERSION, request.postEdited(), ref,
                false, metrics);
    }

    private ReviewSampleFile readSample(ArtifactRef ref) throws IOException {
        try (InputStream in = store.open(ref)) {
            return JSON.readValue(in, ReviewSampleFile.class);
        }
    }

    private StoredDecision readDecision(ArtifactRef ref) throws IOException {
        try (InputStream in = store.open(ref)) {
            return JSON.readValue(in, StoredDecision.class);
        }
    }

    private static int characters(List<Turn> turns) {
        return turns.stream().mapToInt(turn -> turn.value().length()).sum();
    }
}
