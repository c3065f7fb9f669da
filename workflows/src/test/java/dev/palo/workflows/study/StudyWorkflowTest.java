package dev.palo.workflows.study;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.palo.workflows.TaskQueues;
import dev.palo.workflows.dataset.DatasetArm;
import dev.palo.workflows.pipeline.PipelineSpec;
import dev.palo.workflows.review.SimulatedReviewWorkflow;
import dev.palo.workflows.study.StudyFixtures.CannedPipeline;
import dev.palo.workflows.study.StudyFixtures.CannedReviewers;
import dev.palo.workflows.study.StudyFixtures.CannedSingleArm;
import dev.palo.workflows.study.StudyFixtures.RecordingStudyActivities;
import io.temporal.api.enums.v1.WorkflowExecutionStatus;
import io.temporal.api.history.v1.HistoryEvent;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowFailedException;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import io.temporal.failure.CanceledFailure;
import io.temporal.testing.TestWorkflowEnvironment;
import java.util.List;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class StudyWorkflowTest {
    private final RecordingStudyActivities activities = new RecordingStudyActivities();
    private TestWorkflowEnvironment env;

    @BeforeEach
    void start() {
        CannedPipeline.SPECS.clear();
        CannedPipeline.FAILING.clear();
        CannedPipeline.RUNNING_UNTIL_CANCELLED.clear();
        CannedReviewers.JOBS.clear();
        CannedSingleArm.JOBS.clear();
        CannedSingleArm.FAILING.clear();
        env = StudyFixtures.start(activities);
    }

    @AfterEach
    void stop() {
        env.close();
    }

    @Test
    void runsTheRecipeOncePerSeedPairAndReportsEveryRunPairedByArm() {
        StudySpec spec = StudyFixtures.spec(List.of(42L, 43L), List.of(7L, 8L));
        StudyResult result = study("study-a").run(spec);

        List<String> runIds = List.of("study-a-ft42-data7", "study-a-ft42-data8", "study-a-ft43-data7",
                "study-a-ft43-data8");
        assertEquals(runIds, result.members().stream().map(StudyMember::runId).toList());
        for (StudyMember member : result.members()) {
            PipelineSpec run = CannedPipeline.SPECS.get(member.runId());
            assertEquals(member.finetuneSeed(), run.training().finetune().seed(), member.toString());
            assertEquals(member.dataSeed(), run.dataset().seed(), member.toString());
            // everything else is the recipe's, so the runs share every stage upstream of dataset-build
            assertEquals(spec.recipe().training().pretrain(), run.training().pretrain());
            assertEquals(spec.recipe().training().finetune().learningRate(), run.training().finetune().learningRate());
            assertEquals(spec.recipe().review(), run.review());
            assertTrue(CannedReviewers.JOBS.contains(member.runId() + " " + StudyFixtures.TREE), member.runId());
        }
        StudyReportRequest report = activities.requests.get(0);
        assertEquals(1, activities.requests.size());
        assertEquals("study-a", report.studyId());
        assertEquals(runIds, report.runs().stream().map(r -> r.member().runId()).toList());
        for (StudyRunScores run : report.runs()) {
            assertEquals(List.of(DatasetArm.BASELINE, DatasetArm.PALO), run.arms().stream().map(ArmOutputs::arm).toList());
            assertTrue(run.arms().get(1).scores().uri().endsWith(run.member().runId() + "/scores-palo.json"));
            assertTrue(run.arms().get(0).answers().uri().endsWith(run.member().runId() + "/answers-baseline"));
        }
        assertEquals("42,43", report.params().get("finetuneSeeds"));
        assertEquals(List.of(StudyMemberState.COMPLETED), env.getWorkflowClient()
                .newWorkflowStub(StudyWorkflow.class, "study-a").members().stream().map(StudyMemberState::state)
                .distinct().toList());
    }

    /**
     * A reviewer reads "no such run" as "the run ended": started side by side with its run, three reviewers of a
     * nine-language run once left before the run existed. Each run's reviewers now start after the run has started.
     */
    @Test
    void eachRunsReviewersStartOnlyOnceItsRunHasStarted() {
        study("study-r").run(StudyFixtures.spec(List.of(42L, 43L), List.of(7L)));

        List<HistoryEvent> events = env.getWorkflowClient().fetchHistory("study-r").getEvents();
        for (String run : List.of("study-r-ft42-data7", "study-r-ft43-data7")) {
            int started = indexOf(events, event -> event.hasChildWorkflowExecutionStartedEventAttributes()
                    && event.getChildWorkflowExecutionStartedEventAttributes().getWorkflowExecution().getWorkflowId()
                    .equals(run));
            int reviewers = indexOf(events, event -> event.hasStartChildWorkflowExecutionInitiatedEventAttributes()
                    && event.getStartChildWorkflowExecutionInitiatedEventAttributes().getWorkflowId()
                    .equals(SimulatedReviewWorkflow.workflowId(run)));
            assertTrue(started >= 0 && reviewers > started, run + ": run started at event " + started
                    + ", its reviewers asked for at " + reviewers);
        }
    }

    private static int indexOf(List<HistoryEvent> events, Predicate<HistoryEvent> wanted) {
        for (int i = 0; i < events.size(); i++) {
            if (wanted.test(events.get(i))) {
                return i;
            }
        }
        return -1;
    }

    @Test
    void aFailedRunFailsTheStudyWithItsReasonAndNoReport() {
        CannedPipeline.FAILING.add("study-b-ft43-data7");
        StudySpec spec = StudyFixtures.spec(List.of(42L, 43L), List.of(7L));
        WorkflowFailedException failed = assertThrows(WorkflowFailedException.class, () -> study("study-b").run(spec));
        String message = failed.getCause().getMessage();
        assertTrue(message.contains("study-b-ft43-data7") && message.contains("fine-tune diverged"), message);
        assertTrue(activities.requests.isEmpty());
        List<StudyMemberState> states = env.getWorkflowClient().newWorkflowStub(StudyWorkflow.class, "study-b")
                .members();
        assertEquals(List.of(StudyMemberState.COMPLETED, StudyMemberState.FAILED),
                states.stream().map(StudyMemberState::state).toList());
    }

    @Test
    void aStudyCancelledDuringItsFirstRunCancelsThatRunStartsNoOtherAndEndsCancelled() {
        StudyWorkflow study = cancelledWhileRunning("study-c", 0);

        WorkflowFailedException ended = assertThrows(WorkflowFailedException.class,
                () -> WorkflowStub.fromTyped(study).getResult(StudyResult.class));
        assertInstanceOf(CanceledFailure.class, ended.getCause());
        assertEquals(WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_CANCELED, status("study-c"));
        assertEquals(WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_CANCELED, status("study-c-ft42-data7"));
        assertEquals(List.of(StudyMemberState.CANCELED, StudyMemberState.CANCELED),
                study.members().stream().map(StudyMemberState::state).toList());
        assertFalse(CannedPipeline.SPECS.containsKey("study-c-ft43-data7"), "a run started after the cancel");
        assertTrue(activities.requests.isEmpty(), "a report written after the cancel");
    }

    @Test
    void aStudyCancelledAfterItsFirstRunKeepsThatRunCompletedAndCancelsTheOthers() {
        StudyWorkflow study = cancelledWhileRunning("study-d", 1);

        assertThrows(WorkflowFailedException.class, () -> WorkflowStub.fromTyped(study).getResult(StudyResult.class));
        assertEquals(WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_CANCELED, status("study-d"));
        assertEquals(List.of(StudyMemberState.COMPLETED, StudyMemberState.CANCELED),
                study.members().stream().map(StudyMemberState::state).toList());
        assertEquals(WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_COMPLETED, status("study-d-ft42-data7"));
        assertEquals(WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_CANCELED, status("study-d-ft43-data7"));
        assertTrue(activities.requests.isEmpty());
    }

    /**
     * A study of seeds 42, 43 × 7 whose {@code run}-th run (0 or 1) runs until cancelled, cancelled once that run is
     * running.
     */
    private StudyWorkflow cancelledWhileRunning(String id, int run) {
        List<Long> finetuneSeeds = List.of(42L, 43L);
        CannedPipeline.RUNNING_UNTIL_CANCELLED.add(id + "-ft" + finetuneSeeds.get(run) + "-data7");
        StudyWorkflow study = study(id);
        WorkflowClient.start(study::run, StudyFixtures.spec(finetuneSeeds, List.of(7L)));
        awaitState(study, run, StudyMemberState.RUNNING);
        WorkflowStub.fromTyped(study).cancel();
        return study;
    }

    private static void awaitState(StudyWorkflow study, int run, String state) {
        for (int i = 0; i < 200 && !state.equals(study.members().get(run).state()); i++) {
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        assertEquals(state, study.members().get(run).state(), study.members().toString());
    }

    private WorkflowExecutionStatus status(String workflowId) {
        return env.getWorkflowClient().newUntypedWorkflowStub(workflowId).describe().getStatus();
    }

    @Test
    void table2ArmsTrainEachLanguageAloneFromEachRunsOwnModelSetAndSeeds() {
        StudySpec spec = StudyFixtures.table2Spec(List.of(42L, 43L), List.of(7L));
        study("study-t2").run(spec);

        List<String> armIds = List.of("study-t2-ft42-data7-only-ar", "study-t2-ft42-data7-only-ur",
                "study-t2-ft43-data7-only-ar", "study-t2-ft43-data7-only-ur");
        assertEquals(new java.util.TreeSet<>(armIds), new java.util.TreeSet<>(CannedSingleArm.JOBS.keySet()));
        for (String armId : armIds) {
            SingleLanguageArmJob job = CannedSingleArm.JOBS.get(armId);
            String runId = job.member().runId();
            String language = armId.substring(armId.length() - 2);
            PipelineSpec run = CannedPipeline.SPECS.get(runId);
            assertEquals(language, job.set().language());
            assertTrue(job.set().data().uri().endsWith(runId + "/translated-" + language + ".json"), job.toString());
            assertTrue(job.set().lineage().get(0).uri().endsWith(runId + "/review-" + language), job.toString());
            assertTrue(job.pretrained().uri().endsWith(runId + "/pretrained"), job.toString());
            assertEquals(run.training().finetune(), job.finetune(), "the run's seed and the recipe's epochs");
            assertEquals(run.dataset(), job.dataset());
            assertEquals(List.of("en", "ar", "ur"), job.languages());
            assertEquals(run.training().bench(), job.bench());
            assertEquals("tracking-" + runId, job.trackingRunId());
        }
        StudyReportRequest report = activities.requests.get(0);
        assertEquals(armIds, report.singleLanguageArms().stream()
                .map(a -> SingleLanguageArmWorkflow.runId(a.member().runId(), a.language())).toList());
        assertTrue(report.singleLanguageArms().get(1).outputs().scores().uri()
                .endsWith("study-t2-ft42-data7-only-ur/scores-baseline.json"));
        assertEquals(List.of(StudyMemberState.COMPLETED), env.getWorkflowClient()
                .newWorkflowStub(StudyWorkflow.class, "study-t2").singleLanguageArms().stream()
                .map(StudyMemberState::state).distinct().toList());
    }

    @Test
    void aFailedSingleLanguageArmFailsTheStudyWithItsReason() {
        CannedSingleArm.FAILING.add("study-t2f-ft42-data7-only-ur");
        StudySpec spec = StudyFixtures.table2Spec(List.of(42L), List.of(7L));
        WorkflowFailedException failed = assertThrows(WorkflowFailedException.class,
                () -> study("study-t2f").run(spec));
        String message = failed.getCause().getMessage();
        assertTrue(message.contains("study-t2f-ft42-data7-only-ur") && message.contains("no records left"), message);
        assertTrue(activities.requests.isEmpty());
    }

    @Test
    void aStudyWithoutTable2RunsNoSingleLanguageArm() {
        study("study-no-t2").run(StudyFixtures.spec(List.of(42L), List.of(7L)));
        assertTrue(CannedSingleArm.JOBS.isEmpty());
        assertTrue(activities.requests.get(0).singleLanguageArms().isEmpty());
    }

    @Test
    void aSpecWithoutTrainingOrWithARepeatedSeedIsRefused() {
        StudySpec spec = StudyFixtures.spec(List.of(42L), List.of(7L));
        assertThrows(IllegalArgumentException.class, () -> new StudySpec(spec.recipe().withTraining(null),
                List.of(42L), List.of(7L), null, null, 1_000, 1));
        assertThrows(IllegalArgumentException.class, () -> new StudySpec(spec.recipe(), List.of(42L, 42L),
                List.of(7L), null, null, 1_000, 1));
        assertThrows(IllegalArgumentException.class, () -> new StudySpec(spec.recipe(), List.of(42L), List.of(),
                null, null, 1_000, 1));
    }

    private StudyWorkflow study(String id) {
        return env.getWorkflowClient().newWorkflowStub(StudyWorkflow.class,
                WorkflowOptions.newBuilder().setWorkflowId(id).setTaskQueue(TaskQueues.CPU).build());
    }
}
