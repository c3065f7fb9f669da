package dev.palo.activities.review;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.palo.activities.support.InMemoryObjectStore;
import dev.palo.activities.support.LlavaSamples;
import dev.palo.activities.support.MiniGoldTree;
import dev.palo.activities.support.PostEditedSamples;
import dev.palo.activities.support.RecordingTracker;
import dev.palo.activities.tracking.TrackingActivitiesImpl;
import dev.palo.data.llava.LlavaJsonReader;
import dev.palo.data.llava.LlavaRecord;
import dev.palo.workflows.ArtifactRef;
import dev.palo.workflows.StageResult;
import dev.palo.workflows.TargetLanguage;
import dev.palo.workflows.TaskQueues;
import dev.palo.workflows.events.EventActivities;
import dev.palo.workflows.events.PaloEvent;
import dev.palo.workflows.language.LanguageJob;
import dev.palo.workflows.language.LanguagePipelineWorkflow;
import dev.palo.workflows.language.LanguagePipelineWorkflowImpl;
import dev.palo.workflows.language.LanguageResult;
import dev.palo.workflows.postedit.PostEditActivities;
import dev.palo.workflows.postedit.QaConfig;
import dev.palo.workflows.review.MissedQuorum;
import dev.palo.workflows.review.QuorumPolicy;
import dev.palo.workflows.review.ReviewConfig;
import dev.palo.workflows.review.ReviewDecision;
import dev.palo.workflows.review.ReviewReceipt;
import dev.palo.workflows.review.ReviewState;
import dev.palo.workflows.review.ReviewVerdict;
import dev.palo.workflows.review.ReviewerMode;
import dev.palo.workflows.translation.translate.TranslateActivities;
import dev.palo.workflows.translation.translate.TranslateConfig;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.worker.Worker;
import java.io.ByteArrayInputStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** ReviewClient and SimulatedReviewer against the language workflow on the test server, with the real activities. */
class SimulatedReviewTest {
    private static final String RUN = "run-sim";
    private static final int RECORDS = 6;
    private static final int SAMPLE = 4;

    @TempDir
    Path mini;
    private TestWorkflowEnvironment env;
    private InMemoryObjectStore store;
    private RecordingTracker tracker;
    private ReviewClient client;
    private List<LlavaRecord> postEdited;

    @BeforeEach
    void start() throws Exception {
        store = new InMemoryObjectStore();
        tracker = new RecordingTracker();
        env = TestWorkflowEnvironment.newInstance();
        Worker worker = env.newWorker(TaskQueues.CPU);
        worker.registerWorkflowImplementationTypes(LanguagePipelineWorkflowImpl.class);
        // events are not this test's subject: published nowhere at once, rather than left to time out (which the
        // time-skipping test server once spun on for minutes under a loaded CI)
        worker.registerActivitiesImplementations(new ReviewActivitiesImpl(store, tracker),
                new TrackingActivitiesImpl(tracker, "palo"), new EventActivities() {
                    @Override
                    public void publish(PaloEvent event) {
                    }

                    @Override
                    public void publishAll(List<PaloEvent> events) {
                    }

                    @Override
                    public void tagTrackingRun(String trackingRunId, Map<String, String> tags) {
                    }
                });
        env.start();
        client = new ReviewClient(env.getWorkflowClient(), store);
        postEdited = PostEditedSamples.records(RECORDS, "ar");
        MiniGoldTree.write(mini, postEdited, "ar");
    }

    @AfterEach
    void close() {
        env.close();
    }


    /** A language pipeline whose translate and post-edit are done, in simulated review mode. */
    private LanguagePipelineWorkflow startReview() throws Exception {
        ArtifactRef input = store.put("runs/" + RUN + "/post-edit/ar/k/post-edited.json",
                LlavaSamples.json(postEdited), "application/json", RECORDS);
        ReviewConfig review = new ReviewConfig(SAMPLE, List.of(), 5, Duration.ofHours(1),
                new QuorumPolicy(1, 0, false, MissedQuorum.FAIL), ReviewerMode.SIMULATED, Duration.ofMillis(5));
        LanguageJob job = new LanguageJob(RUN, new TargetLanguage("ar", "Arabic"), input,
                TranslateConfig.endpoint("http://127.0.0.1:1/v1", "m").chunkSize(2).concurrency(1).rateLimits(60, 6000)
                        .maxAttempts(1).build(), QaConfig.defaults(),
                review, "pipeline-run", List.of());
        for (String stage : List.of(TranslateActivities.STAGE, PostEditActivities.STAGE)) {
            job = job.withCompleted(new StageResult(stage, "ar", input, input, false, Map.of()));
        }
        LanguagePipelineWorkflow workflow = env.getWorkflowClient().newWorkflowStub(LanguagePipelineWorkflow.class,
                WorkflowOptions.newBuilder().setWorkflowId(LanguagePipelineWorkflow.workflowId(RUN, "ar"))
                        .setTaskQueue(TaskQueues.CPU).build());
        WorkflowClient.start(workflow::run, job);
        for (int i = 0; i < 500 && client.status(RUN, "ar").state() != ReviewState.OPEN; i++) {
            Thread.sleep(10);
        }
        return workflow;
    }

    @Test
    void theSimulatedReviewerSubmitsGoldThroughTheClientAndTheReviewClosesWhenAllAreDecided() throws Exception {
        LanguagePipelineWorkflow workflow = startReview();
        List<ReviewItem> tasks = client.tasks(RUN, "ar");
        assertEquals(SAMPLE, tasks.size());
        assertEquals(tasks.get(1), client.task(RUN, "ar", tasks.get(1).taskId()).orElseThrow());
        assertTrue(client.task(RUN, "ar", "ar-99999").isEmpty());

        List<ReviewReceipt> receipts = new SimulatedReviewer(client, mini, Duration.ofMillis(5)).review(RUN, "ar");
        LanguageResult result = WorkflowStub.fromTyped(workflow).getResult(LanguageResult.class);

        assertEquals(SAMPLE, receipts.size());
        assertTrue(receipts.stream().allMatch(r -> r.reviewer().equals(SimulatedReviewer.REVIEWER) && r.version() == 1));
        StageResult review = result.stages().get(2);
        assertEquals((double) SAMPLE, review.metrics().get("review.correct"), "the translation differs from gold");
        assertEquals(1.0, review.metrics().get("review.simulated"));
        assertEquals("simulated", tracker.runTags.values().stream()
                .filter(tags -> "review".equals(tags.get("palo.stage"))).findFirst().orElseThrow()
                .get(ReviewActivitiesImpl.MODE_TAG));
        try (LlavaJsonReader pairs = new LlavaJsonReader(new ByteArrayInputStream(store.bytes(review.output())), "p")) {
            for (LlavaRecord pair : pairs.stream().toList()) {
                LlavaRecord source = postEdited.stream().filter(r -> r.id().equals(pair.id())).findFirst().orElseThrow();
                assertEquals(PostEditedSamples.gold(source, "ar"), pair.conversations());
                assertEquals(source.englishConversations(), pair.englishConversations());
                assertEquals(SimulatedReviewer.REVIEWER,
                        pair.extra().get(ReviewActivitiesImpl.REVIEW_FIELD).path("reviewer").asText());
            }
        }
    }

    @Test
    void theClientReportsRefusalsRepeatsAndUnknownRuns() throws Exception {
        startReview();
        String task = client.tasks(RUN, "ar").get(0).taskId();

        ReviewRejectedException refused = assertThrows(ReviewRejectedException.class, () -> client.submit(RUN,
                new ReviewDecision(task, "ar", "ana", ReviewVerdict.CORRECT, List.of())));
        assertTrue(refused.getMessage().contains("has no corrected text"), refused.getMessage());

        ReviewDecision accept = new ReviewDecision(task, "ar", "ana", ReviewVerdict.ACCEPT, List.of());
        ReviewReceipt first = client.submit(RUN, accept);
        assertEquals(first, client.submit(RUN, accept), "the same decision delivered twice is one update");
        ReviewReceipt changed = client.submit(RUN, new ReviewDecision(task, "ar", "ana", ReviewVerdict.REJECT, List.of()));
        assertEquals(first.version() + 1, changed.version());
        assertEquals(1, client.status(RUN, "ar").decided());

        assertThrows(NoSuchElementException.class, () -> client.status("no-such-run", "ar"));
        assertThrows(NoSuchElementException.class, () -> client.submit("no-such-run", accept));
    }
}
