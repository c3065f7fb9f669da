package dev.palo.workflows.evaluate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.palo.workflows.FailureTypes;
import dev.palo.workflows.TaskQueues;
import dev.palo.workflows.dataset.DatasetArm;
import io.temporal.client.WorkflowFailedException;
import io.temporal.client.WorkflowOptions;
import io.temporal.failure.ApplicationFailure;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.worker.Worker;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class EvaluateWorkflowTest {
    private final RecordingEvaluateActivities activities = new RecordingEvaluateActivities();
    private TestWorkflowEnvironment env;

    @BeforeEach
    void start() {
        env = TestWorkflowEnvironment.newInstance();
        Worker cpu = env.newWorker(TaskQueues.CPU);
        cpu.registerWorkflowImplementationTypes(EvaluateWorkflowImpl.class);
        cpu.registerActivitiesImplementations(activities);
        env.newWorker(TaskQueues.GPU).registerActivitiesImplementations(activities);
        env.start();
    }

    @AfterEach
    void close() {
        env.close();
    }

    private EvaluateWorkflow workflow(String runId) {
        return env.getWorkflowClient().newWorkflowStub(EvaluateWorkflow.class, WorkflowOptions.newBuilder()
                .setWorkflowId(EvaluateWorkflow.workflowId(runId)).setTaskQueue(TaskQueues.CPU).build());
    }

    static EvaluateSpec spec(List<ArmModel> models) {
        return new EvaluateSpec("run-1", models, RecordingEvaluateActivities.ref("bench"), List.of("en", "ur"),
                EvaluateConfig.offlineDefaults(), "pipeline-tracking");
    }

    static final List<ArmModel> BOTH = List.of(
            new ArmModel(DatasetArm.BASELINE, RecordingEvaluateActivities.ref("baseline-model")),
            new ArmModel(DatasetArm.PALO, RecordingEvaluateActivities.ref("palo-model")));

    @Test
    void generatesOnTheGpuQueueScoresAndReportsOnTheCpuQueueInsideOneTrackingRunPerArm() {
        EvaluateResult result = workflow("run-1").run(spec(BOTH));

        for (RecordingEvaluateActivities.Call call : activities.calls) {
            assertEquals(call.method().equals("generate") ? TaskQueues.GPU : TaskQueues.CPU, call.queue(),
                    call.method());
        }
        for (DatasetArm arm : DatasetArm.values()) {
            GenerateRequest generate = activities.calls.stream().filter(c -> c.method().equals("generate"))
                    .map(c -> (GenerateRequest) c.request()).filter(r -> r.arm() == arm).findFirst().orElseThrow();
            assertEquals(RecordingEvaluateActivities.ref(arm.code() + "-model"), generate.model());
            assertEquals("stage-" + arm.code(), generate.trackingRunId());
            ScoreRequest score = activities.calls.stream().filter(c -> c.method().equals("score"))
                    .map(c -> (ScoreRequest) c.request()).filter(r -> r.arm() == arm).findFirst().orElseThrow();
            assertEquals(RecordingEvaluateActivities.ref("answers-" + arm.code()), score.answers(),
                    "scoring reads the arm's generated answers");
            assertTrue(activities.tracking.contains("start evaluate " + arm.code() + " under pipeline-tracking"));
            assertTrue(activities.tracking.contains("finish stage-" + arm.code() + " " + EvaluateActivities.SCORES_STAGE));
        }
        ReportRequest report = (ReportRequest) activities.calls.get(activities.calls.size() - 1).request();
        assertEquals(List.of(new ArmScores(DatasetArm.BASELINE, RecordingEvaluateActivities.ref("scores-baseline")),
                new ArmScores(DatasetArm.PALO, RecordingEvaluateActivities.ref("scores-palo"))), report.arms());
        assertEquals("pipeline-tracking", report.trackingRunId());
        assertEquals(List.of("baseline", "palo"), result.answers().stream().map(r -> r.language()).toList());
        assertEquals(RecordingEvaluateActivities.ref("table1"), result.report().output());
    }

    @Test
    void anArmWhoseScoringFailsEndsItsTrackingRunAsFailed() {
        activities.failScoring = DatasetArm.BASELINE;

        assertThrows(WorkflowFailedException.class, () -> workflow("run-3").run(spec(BOTH)));

        assertTrue(activities.tracking.contains("end stage-baseline false"), activities.tracking.toString());
        assertFalse(activities.tracking.stream().anyMatch(call -> call.startsWith("finish stage-baseline")),
                activities.tracking.toString());
    }

    @Test
    void anArmGivenTwiceFailsWithoutRunningAnything() {
        List<ArmModel> twice = List.of(BOTH.get(0), BOTH.get(0));
        WorkflowFailedException failure = assertThrows(WorkflowFailedException.class,
                () -> workflow("run-2").run(spec(twice)));
        ApplicationFailure cause = assertInstanceOf(ApplicationFailure.class, failure.getCause());
        assertEquals(FailureTypes.INVALID_INPUT, cause.getType());
        assertTrue(cause.getOriginalMessage().contains("may appear once"), cause.getOriginalMessage());
        assertTrue(activities.calls.isEmpty());
    }
}
