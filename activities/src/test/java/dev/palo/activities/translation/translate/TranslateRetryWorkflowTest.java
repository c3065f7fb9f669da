package dev.palo.activities.translation.translate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.palo.activities.llm.ApiKeys;
import dev.palo.activities.postedit.PostEditActivitiesImpl;
import dev.palo.activities.review.ReviewActivitiesImpl;
import dev.palo.activities.support.FakeChatServer;
import dev.palo.activities.support.InMemoryObjectStore;
import dev.palo.activities.support.LlavaSamples;
import dev.palo.activities.support.RecordingTracker;
import dev.palo.activities.tracking.TrackingActivitiesImpl;
import dev.palo.data.lang.LanguageRegistry;
import dev.palo.workflows.ArtifactRef;
import dev.palo.workflows.TargetLanguage;
import dev.palo.workflows.TaskQueues;
import dev.palo.workflows.language.LanguageJob;
import dev.palo.workflows.language.LanguagePipelineWorkflow;
import dev.palo.workflows.language.LanguagePipelineWorkflowImpl;
import dev.palo.workflows.language.LanguageResult;
import dev.palo.workflows.postedit.LowYieldAction;
import dev.palo.workflows.postedit.QaConfig;
import dev.palo.workflows.review.MissedQuorum;
import dev.palo.workflows.review.QuorumPolicy;
import dev.palo.workflows.review.ReviewConfig;
import dev.palo.workflows.review.ReviewerMode;
import dev.palo.workflows.translation.translate.TranslateConfig;
import io.temporal.client.WorkflowOptions;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.worker.Worker;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real translate activity under Temporal's own retry policy: a failure after two committed
 * chunks is retried by the server, and the retry translates only what was left (the committed
 * chunks are never translated again).
 */
class TranslateRetryWorkflowTest {
    private static final int SAMPLES = 7;
    private static final int TURNS = 4;
    private static final int CHUNK = 3;
    /** The review's deadline is skipped by the test server; the stage proceeds flagged. */
    private static final ReviewConfig NOBODY_REVIEWS = new ReviewConfig(2, List.of(), 1, Duration.ofHours(1),
            new QuorumPolicy(0, 0, false, MissedQuorum.PROCEED_FLAGGED), ReviewerMode.HUMAN, Duration.ZERO);

    @TempDir
    Path work;

    @Test
    void aFailedAttemptIsRetriedByTemporalAndResumesAfterTheCommittedChunks() throws Exception {
        InMemoryObjectStore store = new InMemoryObjectStore();
        RecordingTracker tracker = new RecordingTracker();
        AtomicBoolean failedOnce = new AtomicBoolean();
        tracker.failMetricsWhen(metric -> metric.key().equals("chunk.corrupt") && metric.step() == 1
                && failedOnce.compareAndSet(false, true));
        try (FakeChatServer chat = new FakeChatServer();
             TestWorkflowEnvironment env = TestWorkflowEnvironment.newInstance()) {
            Worker worker = env.newWorker(TaskQueues.CPU);
            worker.registerWorkflowImplementationTypes(LanguagePipelineWorkflowImpl.class);
            worker.registerActivitiesImplementations(
                    new TranslateActivitiesImpl(store, tracker,
                            new ChatClients(new ApiKeys(Map.of()), Duration.ofMillis(5), Duration.ofMillis(50)), work),
                    new PostEditActivitiesImpl(store, tracker, LanguageRegistry.palo(), work),
                    new ReviewActivitiesImpl(store, tracker),
                    new TrackingActivitiesImpl(tracker, "palo"));
            env.start();
            ArtifactRef source = store.put("inputs/english.json", LlavaSamples.json(LlavaSamples.records(SAMPLES)),
                    "application/json", SAMPLES);
            LanguageJob job = new LanguageJob("run-retry", new TargetLanguage("ar", "Arabic"), source,
                    TranslateConfig.endpoint(chat.baseUrl(), "m").chunkSize(CHUNK).concurrency(2)
                            .rateLimits(60_000, 10_000_000).maxAttempts(3).build(),
                    QaConfig.defaults().withFloor(0, LowYieldAction.FAIL), NOBODY_REVIEWS, "pipeline-run", List.of());

            LanguageResult result = env.getWorkflowClient().newWorkflowStub(LanguagePipelineWorkflow.class,
                    WorkflowOptions.newBuilder().setWorkflowId("lang-retry").setTaskQueue(TaskQueues.CPU).build())
                    .run(job);

            assertTrue(failedOnce.get(), "the first attempt failed after committing chunk 1");
            // chunks 0 and 1 were committed; chunk 2 (one sample) was in flight behind chunk 1 and is redone
            int lastChunkTurns = (SAMPLES - 2 * CHUNK) * TURNS;
            long distinct = LlavaSamples.distinctTexts(LlavaSamples.records(SAMPLES));
            assertTrue(chat.requests() >= distinct && chat.requests() <= distinct + lastChunkTurns,
                    chat.requests() + " requests: only the uncommitted chunk may be translated twice");
            assertEquals(SAMPLES, result.stages().get(0).output().recordCount());
            assertEquals((double) SAMPLES, result.stages().get(1).metrics().get("samples"));
            assertEquals(2.0, result.stages().get(2).metrics().get("review.tasks"));
        }
    }
}
