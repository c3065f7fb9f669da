package dev.palo.activities.support;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.palo.activities.storage.MinioObjectStore;
import dev.palo.activities.translation.translate.TranslateActivitiesImpl;
import dev.palo.data.lang.LanguageRegistry;
import dev.palo.data.llava.LlavaRecord;
import dev.palo.data.llava.Turn;
import dev.palo.workflows.ArtifactRef;
import dev.palo.workflows.StageResult;
import dev.palo.workflows.TaskQueues;
import dev.palo.workflows.language.LanguageResult;
import dev.palo.workflows.pipeline.PaloPipelineWorkflow;
import dev.palo.workflows.pipeline.PipelineResult;
import dev.palo.workflows.pipeline.PipelineSpec;
import dev.palo.workflows.postedit.LowYieldAction;
import dev.palo.workflows.postedit.QaConfig;
import dev.palo.workflows.review.MissedQuorum;
import dev.palo.workflows.review.QuorumPolicy;
import dev.palo.workflows.review.ReviewConfig;
import dev.palo.workflows.review.ReviewerMode;
import dev.palo.workflows.translation.translate.TranslateActivities;
import dev.palo.workflows.translation.translate.TranslateConfig;
import io.temporal.api.history.v1.HistoryEvent;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The two-language pipeline that the crash tests interrupt mid-translate, and what they check
 * afterwards. Every turn of the source has its own text, so the chat server's per-prompt counts
 * show exactly which turns were translated twice. The heartbeat timeout is short so that a dead
 * worker's stage is retried within seconds.
 */
public final class InterruptedPipeline {
    public static final List<String> LANGUAGES = List.of("ar", "hi");
    public static final int SAMPLES = 8;
    public static final int TURNS = 4;
    public static final int CHUNK_SIZE = 2;
    /** Most turns a killed translate attempt can lose: those of the chunks it had in flight. */
    public static final int REDO_BOUND_TURNS = TranslateActivitiesImpl.CHUNKS_IN_FLIGHT * CHUNK_SIZE * TURNS;
    public static final Duration HEARTBEAT_TIMEOUT = Duration.ofSeconds(5);
    private static final Duration RUN_TIMEOUT = Duration.ofMinutes(2);
    private static final Duration FIRST_CHUNK_TIMEOUT = Duration.ofSeconds(60);
    /** These runs interrupt translation: nothing is sampled for review, so that stage passes straight through. */
    private static final ReviewConfig NO_REVIEW = new ReviewConfig(0, List.of(), 1, Duration.ofMinutes(1),
            new QuorumPolicy(0, 0, true, MissedQuorum.PROCEED_FLAGGED), ReviewerMode.HUMAN, Duration.ZERO);
    /** Temporal's default activity type: the interface method's name, capitalised. */
    private static final String TRANSLATE_ACTIVITY_TYPE = "Translate";

    private final MinioObjectStore store;

    public InterruptedPipeline(EmbeddedStack stack) {
        this.store = stack.objectStore();
    }

    /** Uploads an English source whose ids and texts are unique to {@code nonce}. */
    public ArtifactRef uploadSource(String nonce) throws IOException {
        List<LlavaRecord> records = new ArrayList<>();
        for (int i = 0; i < SAMPLES; i++) {
            String shape = nonce + "-" + i;
            records.add(LlavaRecord.of(shape, "images/" + i + ".png", List.of(
                    Turn.human(Turn.IMAGE_TOKEN + "\nWhat colour is shape " + shape + "?"),
                    Turn.gpt("Shape " + shape + " is red and sits on the left."),
                    Turn.human("How many corners does shape " + shape + " have?"),
                    Turn.gpt("Shape " + shape + " has " + (i % 5 + 3) + " corners."))));
        }
        return store.put("it/" + nonce + "/english.json", LlavaSamples.json(records), "application/json", SAMPLES);
    }

    /**
     * A spec translating through {@code chatBaseUrl}: the endpoint is part of the translate cache
     * key, so a run through another chat server recomputes rather than reusing a finished run.
     */
    public static PipelineSpec spec(ArtifactRef source, String chatBaseUrl) {
        return new PipelineSpec(source, LANGUAGES,
                TranslateConfig.endpoint(chatBaseUrl, "crash-it-model").chunkSize(CHUNK_SIZE).concurrency(2)
                        .rateLimits(60_000, 10_000_000).maxAttempts(3).heartbeatTimeout(HEARTBEAT_TIMEOUT).build(),
                QaConfig.defaults().withFloor(0, LowYieldAction.FAIL), NO_REVIEW);
    }

    /** Starts the pipeline without waiting for it. */
    public static WorkflowStub start(WorkflowClient client, String runId, PipelineSpec spec) {
        PaloPipelineWorkflow pipeline = client.newWorkflowStub(PaloPipelineWorkflow.class, WorkflowOptions.newBuilder()
                .setWorkflowId(runId).setTaskQueue(TaskQueues.CPU)
                .setWorkflowExecutionTimeout(RUN_TIMEOUT).build());
        WorkflowClient.start(pipeline::run, spec);
        return WorkflowStub.fromTyped(pipeline);
    }

    public static PipelineResult await(WorkflowStub run) throws Exception {
        return run.getResult(RUN_TIMEOUT.toSeconds(), TimeUnit.SECONDS, PipelineResult.class);
    }

    /** Waits until some language of the run has committed a translated chunk to the store. */
    public void awaitCommittedChunk(String runId) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + FIRST_CHUNK_TIMEOUT.toNanos();
        while (translateKeys(runId).stream().noneMatch(key -> key.contains("/chunks/"))) {
            if (System.nanoTime() > deadline) {
                fail("run " + runId + " committed no translated chunk within " + FIRST_CHUNK_TIMEOUT);
            }
            Thread.sleep(100);
        }
    }

    /** Languages whose translate stage of this run has written its manifest (its last write). */
    public TreeSet<String> translatedLanguages(String runId) throws IOException {
        String prefix = "runs/" + runId + "/" + TranslateActivities.STAGE + "/";
        TreeSet<String> done = new TreeSet<>();
        for (String key : translateKeys(runId)) {
            if (key.endsWith("/manifest.json")) {
                done.add(key.substring(prefix.length(), key.indexOf('/', prefix.length())));
            }
        }
        return done;
    }

    private List<String> translateKeys(String runId) throws IOException {
        return store.list("runs/" + runId + "/" + TranslateActivities.STAGE + "/");
    }

    /** sha256 of every stage output's bytes as read back from the store ({@link RunDigests}). */
    public Map<String, String> outputDigests(PipelineResult result) throws IOException {
        return new RunDigests(store).of(result);
    }

    /**
     * Checks that the run translated rather than reusing the stage cache, so that equal digests
     * mean equal recomputed bytes. Later stages may be cache hits: their inputs are those bytes.
     */
    public static void assertTranslatedAfresh(PipelineResult result) {
        for (LanguageResult language : result.languages()) {
            StageResult translate = language.stages().stream()
                    .filter(stage -> stage.stage().equals(TranslateActivities.STAGE)).findFirst().orElseThrow();
            assertFalse(translate.cacheHit(), language.language() + ": translate was a cache hit");
        }
    }

    /**
     * Checks that every turn of every language was answered, none more than twice, and at most the
     * turns of the chunks in flight twice per language (the stage translates up to
     * {@link TranslateActivitiesImpl#CHUNKS_IN_FLIGHT} chunks ahead of its last commit, and a killed
     * attempt loses them); returns the number of turns answered twice, by language.
     */
    public static Map<String, Long> assertRedoneAtMostTheChunksInFlight(FakeChatServer chat) {
        Map<String, Long> redone = new TreeMap<>();
        for (String code : LANGUAGES) {
            String prefix = LanguageRegistry.palo().get(code).name() + "|";
            List<Integer> answers = chat.answered.entrySet().stream()
                    .filter(e -> e.getKey().startsWith(prefix)).map(e -> e.getValue().get()).toList();
            assertEquals(SAMPLES * TURNS, answers.size(), code + ": every turn is translated");
            assertTrue(answers.stream().allMatch(count -> count <= 2), code + ": a turn translated 3+ times " + answers);
            long twice = answers.stream().filter(count -> count == 2).count();
            assertTrue(twice <= REDO_BOUND_TURNS, code + ": " + twice + " turns translated twice, more than the "
                    + TranslateActivitiesImpl.CHUNKS_IN_FLIGHT + " chunks in flight (" + REDO_BOUND_TURNS + ")");
            redone.put(code, twice);
        }
        return redone;
    }

    /** The attempt that completed the translate activity, from a language's child workflow history. */
    public static int translateAttempt(WorkflowClient client, String runId, String language) {
        Map<Long, String> scheduledTypes = new TreeMap<>();
        for (HistoryEvent event : client.fetchHistory(runId + "-" + language).getEvents()) {
            if (event.hasActivityTaskScheduledEventAttributes()) {
                scheduledTypes.put(event.getEventId(),
                        event.getActivityTaskScheduledEventAttributes().getActivityType().getName());
            } else if (event.hasActivityTaskStartedEventAttributes()
                    && TRANSLATE_ACTIVITY_TYPE.equals(scheduledTypes.get(
                            event.getActivityTaskStartedEventAttributes().getScheduledEventId()))) {
                return event.getActivityTaskStartedEventAttributes().getAttempt();
            }
        }
        return fail("no started translate activity in the history of " + runId + "-" + language);
    }

    /** Total answers served, for the test's printed figures. */
    public static int answersServed(FakeChatServer chat) {
        return chat.answered.values().stream().mapToInt(AtomicInteger::get).sum();
    }
}
