package dev.palo.activities.review;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.palo.activities.storage.MinioObjectStore;
import dev.palo.activities.support.EmbeddedStack;
import dev.palo.activities.support.LlavaSamples;
import dev.palo.activities.support.MiniGoldTree;
import dev.palo.activities.support.PostEditedSamples;
import dev.palo.activities.support.WorkerProcess;
import dev.palo.data.llava.LlavaRecord;
import dev.palo.workflows.ActivityPolicies;
import dev.palo.workflows.ArtifactRef;
import dev.palo.workflows.StageResult;
import dev.palo.workflows.TargetLanguage;
import dev.palo.workflows.TaskQueues;
import dev.palo.workflows.language.LanguageJob;
import dev.palo.workflows.language.LanguagePipelineWorkflow;
import dev.palo.workflows.language.LanguageResult;
import dev.palo.workflows.postedit.LowYieldAction;
import dev.palo.workflows.postedit.PostEditActivities;
import dev.palo.workflows.postedit.QaConfig;
import dev.palo.workflows.review.MissedQuorum;
import dev.palo.workflows.review.QuorumPolicy;
import dev.palo.workflows.review.ReviewConfig;
import dev.palo.workflows.review.ReviewStatus;
import dev.palo.workflows.review.ReviewerMode;
import dev.palo.workflows.review.SimulatedReviewJob;
import dev.palo.workflows.review.SimulatedReviewWorkflow;
import dev.palo.workflows.translation.translate.TranslateActivities;
import dev.palo.workflows.translation.translate.TranslateConfig;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The demo's simulated reviewers are durable: the worker running them is killed with SIGKILL in the middle of a
 * review, another worker takes the reviewer up, and the review closes within one heartbeat timeout of the kill
 * (plus the decisions left), instead of waiting out the review's deadline.
 */
class SimulatedReviewCrashIT {
    private static final String NAMESPACE = "palo-simulated-review-crash-it";
    private static final int RECORDS = 24;
    private static final int SAMPLE = 16;
    /** Eight reviewers decide side by side: two rounds of eight, so a kill after the first leaves eight pending. */
    private static final Duration DELAY = Duration.ofSeconds(3);
    private static final Duration SLACK = Duration.ofSeconds(25);

    @TempDir
    Path work;

    @Test
    void aKilledReviewerIsTakenUpByAnotherWorkerWithinOneHeartbeatTimeout() throws Exception {
        try (EmbeddedStack stack = EmbeddedStack.requireUp()) {
            WorkflowClient client = stack.registeredNamespaceClient(NAMESPACE);
            MinioObjectStore store = stack.objectStore();
            String runId = "sim-crash-" + UUID.randomUUID().toString().substring(0, 8);
            List<LlavaRecord> postEdited = PostEditedSamples.records(RECORDS, "ar");
            Path mini = MiniGoldTree.write(work.resolve("mini"), postEdited, "ar");
            ArtifactRef input = store.put("it/" + runId + "/post-edited.json", LlavaSamples.json(postEdited),
                    "application/json", RECORDS);

            long killedAt;
            try (WorkerProcess first = startWorker(stack, "first")) {
                WorkflowStub language = startLanguage(client, runId, input);
                WorkflowClient.start(client.newWorkflowStub(SimulatedReviewWorkflow.class, WorkflowOptions.newBuilder()
                                .setWorkflowId(SimulatedReviewWorkflow.workflowId(runId)).setTaskQueue(TaskQueues.CPU)
                                .build())::run,
                        new SimulatedReviewJob(runId, List.of("ar"), mini.toString(), DELAY));
                ReviewClient reviews = new ReviewClient(client, store);
                awaitDecided(reviews, runId, 1);
                // queried before the kill: with no worker alive, a query has nobody to answer it
                ReviewStatus atKill = reviews.status(runId, "ar");
                assertEquals(WorkerProcess.SIGKILL_EXIT, first.killHard(), "the worker must die by SIGKILL");
                killedAt = System.nanoTime();
                assertTrue(atKill.decided() < SAMPLE, "every task was decided before the kill: " + atKill);

                try (WorkerProcess second = startWorker(stack, "second")) {
                    LanguageResult result = language.getResult(LanguageResult.class);
                    Duration recovery = Duration.ofNanos(System.nanoTime() - killedAt);
                    StageResult review = result.stages().get(result.stages().size() - 1);
                    assertEquals((double) SAMPLE, review.metrics().get("review.correct"), review.toString());
                    assertTrue(recovery.compareTo(ActivityPolicies.LONG_STAGE_HEARTBEAT_TIMEOUT.plus(SLACK)) < 0,
                            "review closed " + recovery.toSeconds() + " s after the kill; worker log:\n"
                                    + second.output());
                    System.out.printf("SimulatedReviewCrashIT: %d of %d tasks decided at the kill; review closed"
                            + " %d s after it%n", atKill.decided(), SAMPLE, recovery.toSeconds());
                }
            }
        }
    }

    private WorkflowStub startLanguage(WorkflowClient client, String runId, ArtifactRef input) {
        ReviewConfig review = new ReviewConfig(SAMPLE, List.of(), 5, Duration.ofMinutes(10),
                new QuorumPolicy(1, 0, true, MissedQuorum.FAIL), ReviewerMode.SIMULATED, DELAY);
        LanguageJob job = new LanguageJob(runId, new TargetLanguage("ar", "Arabic"), input,
                TranslateConfig.endpoint("http://127.0.0.1:1/v1", "m").chunkSize(2).concurrency(1).rateLimits(60, 6000)
                        .maxAttempts(1).build(),
                QaConfig.defaults().withFloor(0, LowYieldAction.FAIL), review,
                "pipeline-" + runId, List.of());
        for (String stage : List.of(TranslateActivities.STAGE, PostEditActivities.STAGE)) {
            job = job.withCompleted(new StageResult(stage, "ar", input, input, false, Map.of()));
        }
        LanguagePipelineWorkflow workflow = client.newWorkflowStub(LanguagePipelineWorkflow.class,
                WorkflowOptions.newBuilder().setWorkflowId(LanguagePipelineWorkflow.workflowId(runId, "ar"))
                        .setTaskQueue(TaskQueues.CPU).build());
        WorkflowClient.start(workflow::run, job);
        return WorkflowStub.fromTyped(workflow);
    }

    private static void awaitDecided(ReviewClient reviews, String runId, int decided) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
        while (System.nanoTime() < deadline) {
            try {
                if (reviews.status(runId, "ar").decided() >= decided) {
                    return;
                }
            } catch (RuntimeException e) {
                // the language workflow has not answered its first query yet
            }
            Thread.sleep(100);
        }
        throw new AssertionError("no decision within two minutes");
    }


    private WorkerProcess startWorker(EmbeddedStack stack, String name) throws Exception {
        return WorkerProcess.startInNamespace(stack, NAMESPACE, work, name);
    }
}
