package dev.palo.workflows.study;

import dev.palo.workflows.InMemoryActivities;
import dev.palo.workflows.TaskQueues;
import dev.palo.workflows.evaluate.EvaluateWorkflowImpl;
import dev.palo.workflows.pipeline.InMemoryModelActivities;
import io.temporal.client.WorkflowOptions;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.worker.Worker;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

/**
 * Records the histories {@code StudyReplayTest} replays for Table 2: a study with single-language arms (2 fine-tune
 * seeds × 1 data seed, Arabic and Urdu, canned children) and one single-language arm with in-memory activities.
 * Rerun after a deliberate, versioned change to {@link StudyWorkflowImpl} or {@link SingleLanguageArmWorkflowImpl},
 * from the repository root: {@code mvn -pl workflows test-compile exec:java -Dexec.classpathScope=test
 * -Dexec.mainClass=dev.palo.workflows.study.Table2HistoryRecorder
 * -Dexec.args=workflows/src/test/resources/dev/palo/workflows/study}.
 */
public final class Table2HistoryRecorder {
    static final String STUDY_HISTORY = "study-table2-history.json";
    static final String STUDY_ID = "study-table2-replay";
    static final String ARM_HISTORY = "single-language-arm-history.json";
    static final String ARM_ID = "study-table2-replay-ft42-data7-only-ar";

    private Table2HistoryRecorder() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 1) {
            throw new IllegalArgumentException("usage: Table2HistoryRecorder <folder for the history files>");
        }
        Path folder = Files.createDirectories(Path.of(args[0]));
        try (TestWorkflowEnvironment env = StudyFixtures.start(new StudyFixtures.RecordingStudyActivities())) {
            env.getWorkflowClient().newWorkflowStub(StudyWorkflow.class, WorkflowOptions.newBuilder()
                    .setWorkflowId(STUDY_ID).setTaskQueue(TaskQueues.CPU).build())
                    .run(StudyFixtures.table2Spec(List.of(42L, 43L), List.of(7L)));
            Files.writeString(folder.resolve(STUDY_HISTORY),
                    env.getWorkflowClient().fetchHistory(STUDY_ID).toJson(true));
        }
        try (TestWorkflowEnvironment env = TestWorkflowEnvironment.newInstance()) {
            for (String queue : List.of(TaskQueues.CPU, TaskQueues.GPU)) {
                Worker worker = env.newWorker(queue);
                worker.registerWorkflowImplementationTypes(SingleLanguageArmWorkflowImpl.class,
                        EvaluateWorkflowImpl.class);
                worker.registerActivitiesImplementations(new InMemoryActivities(Set.of()),
                        new InMemoryModelActivities());
            }
            env.start();
            env.getWorkflowClient().newWorkflowStub(SingleLanguageArmWorkflow.class, WorkflowOptions.newBuilder()
                    .setWorkflowId(ARM_ID).setTaskQueue(TaskQueues.CPU).build())
                    .run(SingleLanguageArmWorkflowTest.job(ARM_ID));
            Files.writeString(folder.resolve(ARM_HISTORY), env.getWorkflowClient().fetchHistory(ARM_ID).toJson(true));
        }
    }
}
