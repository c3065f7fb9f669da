package dev.palo.activities.review;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.palo.activities.support.InMemoryObjectStore;
import dev.palo.activities.support.LlavaSamples;
import dev.palo.activities.support.PostEditedSamples;
import dev.palo.activities.support.RecordingTracker;
import dev.palo.data.llava.LlavaJsonReader;
import dev.palo.data.llava.LlavaRecord;
import dev.palo.data.llava.Turn;
import dev.palo.workflows.ArtifactRef;
import dev.palo.workflows.FailureTypes;
import dev.palo.workflows.StageResult;
import dev.palo.workflows.TargetLanguage;
import dev.palo.workflows.review.CorrectedPairsRequest;
import dev.palo.workflows.review.DecidedTask;
import dev.palo.workflows.review.MissedQuorum;
import dev.palo.workflows.review.QuorumPolicy;
import dev.palo.workflows.review.ReviewConfig;
import dev.palo.workflows.review.ReviewDecision;
import dev.palo.workflows.review.ReviewSample;
import dev.palo.workflows.review.ReviewSampleRequest;
import dev.palo.workflows.review.ReviewTask;
import dev.palo.workflows.review.ReviewTurn;
import dev.palo.workflows.review.ReviewVerdict;
import dev.palo.workflows.review.ReviewerMode;
import dev.palo.workflows.review.StoreDecisionRequest;
import io.temporal.failure.ApplicationFailure;
import java.io.ByteArrayInputStream;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ReviewActivitiesImplTest {
    private static final TargetLanguage ARABIC = new TargetLanguage("ar", "Arabic");
    private static final int RECORDS = 12;
    private static final int SAMPLE = 6;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long OPENED_AT = 1_800_000_000_000L;

    private InMemoryObjectStore store;
    private RecordingTracker tracker;
    private ReviewActivitiesImpl activities;
    private List<LlavaRecord> postEdited;
    private ArtifactRef input;
    private String stageRun;

    @BeforeEach
    void setUp() throws Exception {
        store = new InMemoryObjectStore();
        tracker = new RecordingTracker();
        activities = new ReviewActivitiesImpl(store, tracker);
        postEdited = PostEditedSamples.records(RECORDS, "ar");
        input = store.put("runs/r1/post-edit/ar/k/post-edited.json", LlavaSamples.json(postEdited),
                "application/json", RECORDS);
        stageRun = tracker.findOrCreateRun("palo", "review ar", Map.of("palo.stage", "review"), null);
    }

    private static ReviewConfig config(ReviewerMode mode) {
        return new ReviewConfig(SAMPLE, List.of(60), 3, Duration.ofHours(1),
                new QuorumPolicy(0.5, 1, false, MissedQuorum.FAIL), mode, Duration.ZERO);
    }

    private ReviewSample sample(String runId, ReviewerMode mode) {
        return activities.sample(new ReviewSampleRequest(runId, ARABIC, input, config(mode), OPENED_AT, stageRun));
    }

    private ArtifactRef store(String runId, ReviewSample sample, ReviewDecision decision, int version) {
        return activities.storeDecision(new StoreDecisionRequest(runId, decision, version, sample.artifact()));
    }

    private LlavaRecord record(String id) {
        return postEdited.stream().filter(r -> r.id().equals(id)).findFirst().orElseThrow();
    }

    private static List<ReviewTurn> turns(List<Turn> turns) {
        return turns.stream().map(t -> new ReviewTurn(t.from(), t.value())).toList();
    }

    @Test
    void theSampleHoldsTheTextsOfItsTasksFlaggedFirstAndTagsTheMode() throws Exception {
        ReviewSample sample = sample("r1", ReviewerMode.SIMULATED);

        assertEquals(SAMPLE, sample.tasks().size());
        long flagged = postEdited.stream().filter(r -> r.corrupt()).count();
        assertTrue(sample.tasks().subList(0, (int) flagged).stream().allMatch(ReviewTask::flagged));
        ReviewSampleFile file = JSON.readValue(store.bytes(sample.artifact()), ReviewSampleFile.class);
        assertEquals(ReviewerMode.SIMULATED, file.mode());
        for (int i = 0; i < SAMPLE; i++) {
            ReviewItem item = file.items().get(i);
            assertEquals(sample.tasks().get(i).taskId(), item.taskId());
            assertEquals(turns(record(item.recordId()).conversations()), item.translation());
            assertEquals(turns(record(item.recordId()).englishConversations()), item.english());
        }
        assertEquals("simulated", tracker.runTags.get(stageRun).get(ReviewActivitiesImpl.MODE_TAG));
        ReviewSample retried = sample("r1", ReviewerMode.SIMULATED);
        assertEquals(sample.artifact(), retried.artifact(), "a retry returns the same sample");
        assertEquals(sample.tasks(), retried.tasks());
    }

    @Test
    void decisionsAreStoredPerTaskAndVersionAndCorrectionsMustFitTheConversation() throws Exception {
        ReviewSample sample = sample("r1", ReviewerMode.HUMAN);
        ReviewTask task = sample.tasks().get(0);
        List<Turn> english = record(task.recordId()).englishConversations();

        ArtifactRef v1 = store("r1", sample, new ReviewDecision(task.taskId(), "ar", "ana", ReviewVerdict.ACCEPT,
                List.of()), 1);
        ArtifactRef v2 = store("r1", sample, new ReviewDecision(task.taskId(), "ar", "ana", ReviewVerdict.CORRECT,
                turns(english)), 2);

        assertEquals(store.uri(ReviewKeys.decision("r1", "ar", task.taskId(), 1)), v1.uri());
        assertEquals(store.uri(ReviewKeys.decision("r1", "ar", task.taskId(), 2)), v2.uri());
        JsonNode stored = JSON.readTree(store.bytes(v2));
        assertEquals("CORRECT", stored.path("verdict").asText());
        assertEquals(2, stored.path("version").asInt());
        assertEquals(task.recordId(), stored.path("recordId").asText());

        ApplicationFailure tooShort = assertThrows(ApplicationFailure.class, () -> store("r1", sample,
                new ReviewDecision(task.taskId(), "ar", "ana", ReviewVerdict.CORRECT, turns(english.subList(0, 1))), 3));
        assertEquals(FailureTypes.INVALID_INPUT, tooShort.getType());
        assertTrue(tooShort.getOriginalMessage().contains("has 1 turns but the conversation has " + english.size()),
                tooShort.getOriginalMessage());
        List<ReviewTurn> noImage = turns(english).stream()
                .map(t -> new ReviewTurn(t.from(), t.value().replace(Turn.IMAGE_TOKEN, ""))).toList();
        ApplicationFailure lostImage = assertThrows(ApplicationFailure.class, () -> store("r1", sample,
                new ReviewDecision(task.taskId(), "ar", "ana", ReviewVerdict.CORRECT, noImage), 3));
        assertTrue(lostImage.getOriginalMessage().contains("must keep " + Turn.IMAGE_TOKEN),
                lostImage.getOriginalMessage());
        assertFalse(store.exists(ReviewKeys.decision("r1", "ar", task.taskId(), 3)));
    }

    @Test
    void correctedPairsTakeEachTaskLatestVersionAndLeaveRejectedAndUndecidedOut() throws Exception {
        ReviewSample sample = sample("r1", ReviewerMode.HUMAN);
        List<ReviewTask> tasks = sample.tasks();
        List<Turn> corrected = PostEditedSamples.gold(record(tasks.get(0).recordId()), "ar");
        // task 0: accepted, then corrected in versions 2 … 11 (v10 and v11 must beat v9)
        store("r1", sample, new ReviewDecision(tasks.get(0).taskId(), "ar", "ana", ReviewVerdict.ACCEPT, List.of()), 1);
        for (int v = 2; v <= 11; v++) {
            store("r1", sample, new ReviewDecision(tasks.get(0).taskId(), "ar", "ana", ReviewVerdict.CORRECT,
                    turns(corrected)), v);
        }
        store("r1", sample, new ReviewDecision(tasks.get(1).taskId(), "ar", "ben", ReviewVerdict.ACCEPT, List.of()), 1);
        store("r1", sample, new ReviewDecision(tasks.get(2).taskId(), "ar", "ben", ReviewVerdict.REJECT, List.of()), 1);

        CorrectedPairsRequest request = new CorrectedPairsRequest("r1", ARABIC, input, sample.artifact(),
                ReviewerMode.HUMAN, true, stageRun);
        StageResult result = activities.buildCorrectedPairs(request);

        Map<String, LlavaRecord> pairs;
        try (LlavaJsonReader reader = new LlavaJsonReader(new ByteArrayInputStream(store.bytes(result.output())), "pairs")) {
            pairs = reader.stream().collect(Collectors.toMap(LlavaRecord::id, Function.identity()));
        }
        assertEquals(2, pairs.size());
        LlavaRecord first = pairs.get(tasks.get(0).recordId());
        assertEquals(corrected, first.conversations());
        assertEquals(record(tasks.get(0).recordId()).englishConversations(), first.englishConversations());
        assertEquals(11, first.extra().get(ReviewActivitiesImpl.REVIEW_FIELD).path("version").asInt());
        assertEquals(record(tasks.get(1).recordId()).conversations(), pairs.get(tasks.get(1).recordId()).conversations());
        assertNull(pairs.get(tasks.get(2).recordId()));

        assertEquals(3.0, result.metrics().get("review.decided"));
        assertEquals(1.0, result.metrics().get("review.correct"));
        assertEquals(1.0, result.metrics().get("review.accept"));
        assertEquals(1.0, result.metrics().get("review.reject"));
        assertEquals(2.0, result.metrics().get("review.pairs"));
        assertEquals((double) RECORDS, result.metrics().get("samples"));
        assertEquals(0.0, result.metrics().get("review.simulated"));
        assertTrue(tracker.artifacts.containsKey(stageRun + "/reports/" + ReviewActivitiesImpl.REPORT));
        assertTrue(store.exists(result.manifest().uri().substring(store.uri("").length())));

        StageResult retried = activities.buildCorrectedPairs(request);
        assertEquals(result.output(), retried.output());
        assertFalse(retried.cacheHit());
    }

    @Test
    void aSampleOfRecordsWithoutEnglishIsRefused() throws Exception {
        ArtifactRef english = store.put("inputs/english.json", LlavaSamples.json(LlavaSamples.records(3)),
                "application/json", 3);

        ApplicationFailure failure = assertThrows(ApplicationFailure.class, () -> activities.sample(
                new ReviewSampleRequest("r1", ARABIC, english, config(ReviewerMode.HUMAN), OPENED_AT, stageRun)));

        assertEquals(FailureTypes.INVALID_INPUT, failure.getType());
        assertTrue(failure.getOriginalMessage().contains("has no english_conversations"), failure.getOriginalMessage());
    }

    @Test
    void aResumedSampleKeepsTheFirstDeadlineAndReturnsEachTaskLatestDecision() {
        ReviewSample first = sample("r1", ReviewerMode.HUMAN);
        String task = first.tasks().get(2).taskId();
        store("r1", first, new ReviewDecision(task, "ar", "ana", ReviewVerdict.ACCEPT, List.of()), 1);
        store("r1", first, new ReviewDecision(task, "ar", "ana", ReviewVerdict.REJECT, List.of()), 2);

        ReviewSample resumed = activities.sample(new ReviewSampleRequest("r1", ARABIC, input,
                config(ReviewerMode.HUMAN), OPENED_AT + 60_000, stageRun));

        assertTrue(first.decided().isEmpty());
        assertEquals(OPENED_AT + config(ReviewerMode.HUMAN).deadline().toMillis(), first.closesAtMillis());
        assertEquals(first.closesAtMillis(), resumed.closesAtMillis());
        assertEquals(List.of(new DecidedTask(task, 2, ReviewVerdict.REJECT)), resumed.decided());
        assertEquals(first.tasks(), resumed.tasks());
    }
}
