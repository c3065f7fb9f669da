package dev.palo.workflows.evaluate;

import dev.palo.workflows.TaskQueues;
import io.temporal.client.WorkflowOptions;
import io.temporal.testing.TestWorkflowEnvironment;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Records the history {@code EvaluateReplayTest} replays: both arms evaluated against recording
 * activities. Rerun after a deliberate, versioned change to {@link EvaluateWorkflowImpl}, from the
 * repository root: {@code mvn -pl workflows test-compile exec:java -Dexec.classpathScope=test
 * -Dexec.mainClass=dev.palo.workflows.evaluate.EvaluateHistoryRecorder
 * -Dexec.args=workflows/src/test/resources/dev/palo/workflows/evaluate}.
 */
public final class EvaluateHistoryRecorder {
    static final String RUN_ID = "replay-run";
    static final String HISTORY = "evaluate-history.json";

    private EvaluateHistoryRecorder() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 1) {
            throw new IllegalArgumentException("usage: EvaluateHistoryRecorder <folder for the history file>");
        }
        RecordingEvaluateActivities activities = new RecordingEvaluateActivities();
        try (TestWorkflowEnvironment env = TestWorkflowEnvironment.newInstance()) {
            var cpu = env.newWorker(TaskQueues.CPU);
            cpu.registerWorkflowImplementationTypes(EvaluateWorkflowImpl.class);
            cpu.registerActivitiesImplementations(activities);
            env.newWorker(TaskQueues.GPU).registerActivitiesImplementations(activities);
            env.start();
            String workflowId = EvaluateWorkflow.workflowId(RUN_ID);
            env.getWorkflowClient().newWorkflowStub(EvaluateWorkflow.class, WorkflowOptions.newBuilder()
                    .setWorkflowId(workflowId).setTaskQueue(TaskQueues.CPU).build())
                    .run(EvaluateWorkflowTest.spec(EvaluateWorkflowTest.BOTH));
            Files.createDirectories(Path.of(args[0]));
            Files.writeString(Path.of(args[0]).resolve(HISTORY),
                    env.getWorkflowClient().fetchHistory(workflowId).toJson(true));
        }
    }
}
