package dev.palo.workflows.language;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.palo.workflows.ArtifactRef;
import dev.palo.workflows.FailureTypes;
import dev.palo.workflows.InMemoryActivities;
import dev.palo.workflows.PipelineFixtures;
import dev.palo.workflows.StageResult;
import dev.palo.workflows.TargetLanguage;
import dev.palo.workflows.TaskQueues;
import dev.palo.workflows.postedit.PostEditActivities;
import dev.palo.workflows.postedit.QaConfig;
import dev.palo.workflows.review.MissedQuorum;
import dev.palo.workflows.review.QuorumPolicy;
import dev.palo.workflows.review.ReviewActivities;
import dev.palo.workflows.review.ReviewConfig;
import dev.palo.workflows.review.ReviewDecision;
import dev.palo.workflows.review.ReviewReceipt;
import dev.palo.workflows.review.ReviewState;
import dev.palo.workflows.review.ReviewStatus;
import dev.palo.workflows.review.ReviewTurn;
import dev.palo.workflows.review.ReviewVerdict;
import dev.palo.workflows.review.ReviewerMode;
import dev.palo.workflows.translation.translate.TranslateActivities;
import io.temporal.api.history.v1.HistoryEvent;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowFailedException;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import io.temporal.client.WorkflowUpdateException;
import io.temporal.failure.ApplicationFailure;
import io.temporal.testing.TestWorkflowEnvironment;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The review stage on the test server: updates, validation, quorum, deadline (time skipped) and status. */
class ReviewStageTest {
    private static final TargetLanguage ARABIC = new TargetLanguage("ar", "Arabic");
    private static final Duration DEADLINE = Duration.ofHours(24);
    private static final List<ReviewTurn> CORRECTED = List.of(
            new ReviewTurn("human", "<image>\nما لون الشكل؟"), new ReviewTurn("gpt", "إنه أحمر."));

    private InMemoryActivities activities;
    private TestWorkflowEnvironment env;

    @BeforeEach
    void start() {
        activities = new InMemoryActivities(Set.of());
        env = PipelineFixtures.startEnvironment(activities);
    }

    @AfterEach
    void close() {
        env.close();
    }

    private static ReviewConfig config(int minDecided, boolean closeOnQuorum, MissedQuorum onMissed) {
        return new ReviewConfig(3, List.of(), 7, DEADLINE, new QuorumPolicy(0, minDecided, closeOnQuorum, onMissed),
                ReviewerMode.HUMAN, Duration.ZERO);
    }

    /** Starts a language pipeline whose translate and post-edit are done, and waits for its review to open. */
    private LanguagePipelineWorkflow startReview(String runId, ReviewConfig review) throws InterruptedException {
        LanguageJob job = new LanguageJob(runId, ARABIC, PipelineFixtures.SOURCE, PipelineFixtures.TRANSLATE,
                QaConfig.defaults(), review, "mlflow-" + runId, List.of());
        for (String stage : List.of(TranslateActivities.STAGE, PostEditActivities.STAGE)) {
            ArtifactRef out = InMemoryActivities.outputOf(runId, stage, "ar", PipelineFixtures.SOURCE);
            job = job.withCompleted(new StageResult(stage, "ar", out, out, false, Map.of()));
        }
        LanguagePipelineWorkflow workflow = env.getWorkflowClient().newWorkflowStub(LanguagePipelineWorkflow.class,
                WorkflowOptions.newBuilder().setWorkflowId(LanguagePipelineWorkflow.workflowId(runId, "ar"))
                        .setTaskQueue(TaskQueues.CPU).build());
        WorkflowClient.start(workflow::run, job);
        // the test client waits for the sample activity; the workflow itself never polls
        for (int i = 0; i < 500 && workflow.reviewStatus().state() == ReviewState.NOT_STARTED; i++) {
            Thread.sleep(10);
        }
        assertEquals(ReviewState.OPEN, workflow.reviewStatus().state());
        return workflow;
    }

    private static ReviewDecision decision(String task, String reviewer, ReviewVerdict verdict) {
        return new ReviewDecision(task, "ar", reviewer, verdict,
                verdict == ReviewVerdict.CORRECT ? CORRECTED : List.of());
    }

    private List<HistoryEvent> history(String runId) {
        return env.getWorkflowClient().fetchHistory(LanguagePipelineWorkflow.workflowId(runId, "ar")).getEvents();
    }

    private static LanguageResult result(LanguagePipelineWorkflow workflow) {
        return WorkflowStub.fromTyped(workflow).getResult(LanguageResult.class);
    }

    private static StageResult review(LanguageResult result) {
        StageResult review = result.stages().get(2);
        assertEquals(ReviewActivities.STAGE, review.stage());
        return review;
    }

    private static String rejection(LanguagePipelineWorkflow workflow, ReviewDecision decision) {
        WorkflowUpdateException rejected = assertThrows(WorkflowUpdateException.class,
                () -> workflow.submitReview(decision));
        return rootMessage(rejected);
    }

    private static String rootMessage(Throwable failure) {
        Throwable cause = failure;
        while (cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause instanceof ApplicationFailure app ? app.getOriginalMessage() : cause.getMessage();
    }

    @Test
    void validatorRejectsBadDecisionsWithTheReasonAndRecordsNothing() throws Exception {
        LanguagePipelineWorkflow workflow = startReview("run-validate", config(1, false, MissedQuorum.FAIL));
        String task = workflow.reviewStatus().pendingTaskIds().get(0);

        assertTrue(rejection(workflow, decision("ar-99999", "ana", ReviewVerdict.ACCEPT))
                .contains("unknown review task 'ar-99999'"));
        assertTrue(rejection(workflow, new ReviewDecision(task, "hi", "ana", ReviewVerdict.ACCEPT, List.of()))
                .contains("names language 'hi' but this is the ar review"));
        assertTrue(rejection(workflow, new ReviewDecision(task, "ar", "ana", ReviewVerdict.CORRECT, List.of()))
                .contains("CORRECT decision for task '" + task + "' has no corrected text"));
        assertTrue(rejection(workflow, new ReviewDecision(task, "ar", "ana", ReviewVerdict.ACCEPT, CORRECTED))
                .contains("only CORRECT does"));
        assertTrue(rejection(workflow, new ReviewDecision(task, "ar", " ", ReviewVerdict.ACCEPT, List.of()))
                .contains("names no reviewer"));
        assertTrue(rejection(workflow, new ReviewDecision(task, "ar", "hindi-reviewer", ReviewVerdict.ACCEPT,
                List.of(), List.of("hi"))).contains("reviewer hindi-reviewer may not decide ar tasks"));
        String tooLong = "x".repeat(ReviewStage.MAX_CORRECTED_CHARS + 1);
        assertTrue(rejection(workflow, new ReviewDecision(task, "ar", "ana", ReviewVerdict.CORRECT,
                List.of(new ReviewTurn("gpt", tooLong)))).contains("over the limit"));
        assertTrue(activities.storedDecisions.isEmpty());
        assertEquals(0, workflow.reviewStatus().decided());

        // a decision whose turns the store refuses fails its update and leaves the task pending
        String refused = rootMessage(assertThrows(WorkflowUpdateException.class, () -> workflow.submitReview(
                new ReviewDecision(task, "ar", "ana", ReviewVerdict.CORRECT,
                        List.of(new ReviewTurn("gpt", InMemoryActivities.UNFIT_TURN))))));
        assertTrue(refused.contains("not stored"), refused);
        assertEquals(0, workflow.reviewStatus().decided());

        // every task decided closes the review; while the pairs build, a late decision is refused
        activities.pairsGate = new CountDownLatch(1);
        for (String pending : workflow.reviewStatus().pendingTaskIds()) {
            workflow.submitReview(decision(pending, "ana", ReviewVerdict.ACCEPT));
        }
        for (int i = 0; i < 500 && workflow.reviewStatus().state() != ReviewState.CLOSED; i++) {
            Thread.sleep(10);
        }
        assertTrue(rejection(workflow, decision(task, "ben", ReviewVerdict.REJECT))
                .contains("the ar review is closed"));
        activities.pairsGate.countDown();
        assertEquals(3.0, review(result(workflow)).metrics().get("review.decided"));
    }

    @Test
    void quorumReachedBeforeTheDeadlineProceedsAtOnce() throws Exception {
        LanguagePipelineWorkflow workflow = startReview("run-quorum", config(2, true, MissedQuorum.FAIL));
        long opened = env.currentTimeMillis();
        List<String> tasks = workflow.reviewStatus().pendingTaskIds();

        workflow.submitReview(decision(tasks.get(0), "ana", ReviewVerdict.ACCEPT));
        workflow.submitReview(decision(tasks.get(1), "ana", ReviewVerdict.CORRECT));
        StageResult review = review(result(workflow));

        assertTrue(env.currentTimeMillis() - opened < DEADLINE.toMillis(), "closed before the deadline");
        assertEquals(2.0, review.metrics().get("review.decided"));
        assertEquals(1.0, review.metrics().get("review.quorumMet"));
        assertTrue(activities.pairsCalls.get(0).quorumMet());
        // the deadline does not outlive the review: no timer left to wake the workflow (or skip test time) later
        assertTrue(history("run-quorum").stream().anyMatch(HistoryEvent::hasTimerCanceledEventAttributes),
                "the deadline timer is cancelled once the quorum closed the review");
    }

    @Test
    void deadlineWithQuorumMetProceedsWithWhatIsDecided() throws Exception {
        LanguagePipelineWorkflow workflow = startReview("run-deadline-met", config(1, false, MissedQuorum.FAIL));
        long opened = activities.sampleCalls.get(0).nowMillis();

        workflow.submitReview(decision(workflow.reviewStatus().pendingTaskIds().get(0), "ana", ReviewVerdict.REJECT));
        StageResult review = review(result(workflow));

        assertTrue(env.currentTimeMillis() - opened >= DEADLINE.toMillis(), "waited for the deadline");
        assertEquals(1.0, review.metrics().get("review.decided"));
        assertEquals(1.0, review.metrics().get("review.quorumMet"));
    }

    @Test
    void deadlineWithoutQuorumFailsTheLanguageUnderTheFailPolicy() throws Exception {
        LanguagePipelineWorkflow workflow = startReview("run-deadline-fail", config(2, false, MissedQuorum.FAIL));
        workflow.submitReview(decision(workflow.reviewStatus().pendingTaskIds().get(0), "ana", ReviewVerdict.ACCEPT));

        WorkflowFailedException failed = assertThrows(WorkflowFailedException.class, () -> result(workflow));

        ApplicationFailure failure = assertInstanceOf(ApplicationFailure.class, failed.getCause());
        assertEquals(FailureTypes.REVIEW_QUORUM_MISSED, failure.getType());
        assertTrue(failure.getOriginalMessage().contains("1 of 3 tasks decided"), failure.getOriginalMessage());
        assertTrue(activities.pairsCalls.isEmpty());
    }

    @Test
    void deadlineWithoutQuorumProceedsFlaggedUnderThatPolicy() throws Exception {
        LanguagePipelineWorkflow workflow = startReview("run-deadline-flag",
                config(2, false, MissedQuorum.PROCEED_FLAGGED));
        workflow.submitReview(decision(workflow.reviewStatus().pendingTaskIds().get(0), "ana", ReviewVerdict.ACCEPT));

        StageResult review = review(result(workflow));

        assertEquals(0.0, review.metrics().get("review.quorumMet"));
        assertEquals(1.0, review.metrics().get("review.decided"));
    }

    @Test
    void resubmissionsAreNewVersionsAndTheLatestCounts() throws Exception {
        LanguagePipelineWorkflow workflow = startReview("run-versions", config(1, false, MissedQuorum.FAIL));
        String task = workflow.reviewStatus().pendingTaskIds().get(0);

        ReviewReceipt first = workflow.submitReview(decision(task, "ana", ReviewVerdict.ACCEPT));
        ReviewReceipt second = workflow.submitReview(decision(task, "ana", ReviewVerdict.CORRECT));
        ReviewReceipt third = workflow.submitReview(decision(task, "ben", ReviewVerdict.REJECT));

        assertEquals(List.of(1, 2, 3), List.of(first.version(), second.version(), third.version()));
        assertTrue(second.stored().uri().endsWith("/corrections/" + task + "/v2.json"), second.stored().uri());
        ReviewStatus status = workflow.reviewStatus();
        assertEquals(1, status.decided());
        assertEquals(Map.of(ReviewVerdict.REJECT, 1), status.verdicts());
        assertEquals(List.of(1, 2, 3), activities.storedDecisions.stream().map(d -> d.version()).toList());
        assertEquals(CORRECTED, activities.storedDecisions.get(1).decision().corrected());
    }

    @Test
    void statusCountsDecisionsAndListsPendingTasksFlaggedFirst() throws Exception {
        LanguagePipelineWorkflow workflow = startReview("run-status", config(1, false, MissedQuorum.FAIL));
        ReviewStatus opened = workflow.reviewStatus();
        List<String> pending = opened.pendingTaskIds();

        assertEquals(3, opened.tasks());
        assertEquals(1, opened.required());
        assertEquals(ReviewerMode.HUMAN, opened.mode());
        assertEquals("ar", opened.language());
        // the in-test sampler flags tasks 0 (every third); the stage keeps the sample's flagged-first order
        assertEquals(List.of("ar-00000", "ar-00001", "ar-00002"), pending);

        workflow.submitReview(decision(pending.get(1), "ana", ReviewVerdict.CORRECT));
        ReviewStatus after = workflow.reviewStatus();

        assertEquals(1, after.decided());
        assertEquals(Map.of(ReviewVerdict.CORRECT, 1), after.verdicts());
        assertEquals(List.of(pending.get(0), pending.get(2)), after.pendingTaskIds());
        assertEquals(activities.pairsCalls.size(), 0);
    }

    @Test
    void theProgressQueryCountsTheReviewStagesDecidedTasksOfTheSampleAndItsQuorum() throws Exception {
        LanguagePipelineWorkflow workflow = startReview("run-review-progress", config(2, false, MissedQuorum.FAIL));
        List<String> pending = workflow.reviewStatus().pendingTaskIds();

        workflow.submitReview(decision(pending.get(0), "ana", ReviewVerdict.ACCEPT));
        dev.palo.workflows.progress.StageState review = workflow.progress().stages().stream()
                .filter(stage -> stage.stage().equals(ReviewActivities.STAGE)).findFirst().orElseThrow();

        assertEquals("RUNNING", review.status());
        assertEquals(1L, review.done());
        assertEquals(3L, review.total());
        assertEquals("reviewed", review.unit());
        assertEquals(2.0, review.metrics().get("quorum"));
        dev.palo.workflows.progress.StageState translate = workflow.progress().stages().get(0);
        assertEquals(null, translate.done(), "other stages' work is their activities' heartbeat");
    }

    @Test
    void anEmptySampleClosesAtOnce() {
        ReviewConfig none = new ReviewConfig(0, List.of(), 7, DEADLINE,
                new QuorumPolicy(0.5, 1, false, MissedQuorum.FAIL), ReviewerMode.HUMAN, Duration.ZERO);
        LanguageJob job = new LanguageJob("run-none", ARABIC, PipelineFixtures.SOURCE, PipelineFixtures.TRANSLATE,
                QaConfig.defaults(), none, "mlflow-run-none", List.of());
        long started = env.currentTimeMillis();

        LanguageResult result = env.getWorkflowClient().newWorkflowStub(LanguagePipelineWorkflow.class,
                WorkflowOptions.newBuilder().setWorkflowId("run-none-ar").setTaskQueue(TaskQueues.CPU).build())
                .run(job);

        assertTrue(env.currentTimeMillis() - started < DEADLINE.toMillis());
        assertEquals(1.0, review(result).metrics().get("review.quorumMet"));
        assertFalse(history("run-none").stream().anyMatch(HistoryEvent::hasTimerStartedEventAttributes),
                "a review with nothing to decide starts no deadline");
    }

    @Test
    void aLongReviewContinuesAsNewKeepingItsDecisionsAndItsDeadline() throws Exception {
        int size = ReviewStage.DECISIONS_PER_HISTORY + 2;
        ReviewConfig review = new ReviewConfig(size, List.of(), 7, DEADLINE,
                new QuorumPolicy(1, 0, false, MissedQuorum.FAIL), ReviewerMode.HUMAN, Duration.ZERO);
        ArtifactRef big = new ArtifactRef("s3://palo/inputs/big.json", "cd34", 1, "application/json", size);
        LanguageJob job = new LanguageJob("run-long", ARABIC, big, PipelineFixtures.TRANSLATE, QaConfig.defaults(),
                review, "mlflow-run-long", List.of());
        for (String stage : List.of(TranslateActivities.STAGE, PostEditActivities.STAGE)) {
            job = job.withCompleted(new StageResult(stage, "ar", big, big, false, Map.of()));
        }
        String workflowId = LanguagePipelineWorkflow.workflowId("run-long", "ar");
        LanguagePipelineWorkflow workflow = env.getWorkflowClient().newWorkflowStub(LanguagePipelineWorkflow.class,
                WorkflowOptions.newBuilder().setWorkflowId(workflowId).setTaskQueue(TaskQueues.CPU).build());
        String firstRun = WorkflowClient.start(workflow::run, job).getRunId();
        for (int i = 0; i < 500 && workflow.reviewStatus().state() == ReviewState.NOT_STARTED; i++) {
            Thread.sleep(10);
        }
        long opened = env.currentTimeMillis();
        List<String> tasks = workflow.reviewStatus().pendingTaskIds();

        for (String task : tasks.subList(0, ReviewStage.DECISIONS_PER_HISTORY)) {
            workflow.submitReview(decision(task, "ana", ReviewVerdict.ACCEPT));
        }
        LanguagePipelineWorkflow latest = env.getWorkflowClient().newWorkflowStub(LanguagePipelineWorkflow.class,
                workflowId);
        // the fresh history's review opens once its sample call (the second) has returned
        for (int i = 0; i < 500 && !(activities.sampleCalls.size() == 2
                && latest.reviewStatus().state() == ReviewState.OPEN); i++) {
            Thread.sleep(10);
        }
        ReviewStatus resumed = latest.reviewStatus();
        for (String task : resumed.pendingTaskIds()) {
            latest.submitReview(decision(task, "ana", ReviewVerdict.ACCEPT));
        }
        StageResult result = review(WorkflowStub.fromTyped(latest).getResult(LanguageResult.class));

        assertTrue(env.getWorkflowClient().fetchHistory(workflowId, firstRun).getLastEvent()
                .hasWorkflowExecutionContinuedAsNewEventAttributes(), "the first history ended in continue-as-new");
        assertEquals(ReviewStage.DECISIONS_PER_HISTORY, resumed.decided(), "decisions carried over");
        assertEquals(List.of(tasks.get(size - 2), tasks.get(size - 1)), resumed.pendingTaskIds());
        assertEquals(activities.sampleCalls.get(0).nowMillis() + DEADLINE.toMillis(),
                activities.sample(activities.sampleCalls.get(1)).closesAtMillis(), "the deadline is not restarted");
        assertEquals((double) size, result.metrics().get("review.decided"));
        assertTrue(env.currentTimeMillis() - opened < DEADLINE.toMillis());
    }
}
