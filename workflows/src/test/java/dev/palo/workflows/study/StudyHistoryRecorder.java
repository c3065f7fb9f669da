package dev.palo.workflows.study;

import dev.palo.workflows.TaskQueues;
import io.temporal.client.WorkflowOptions;
import io.temporal.testing.TestWorkflowEnvironment;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Records the history {@code StudyReplayTest} replays: a study of 2 fine-tune seeds × 1 data seed with simulated
 * reviewers, against canned children and a recording report. Rerun after a deliberate, versioned change to {@link
 * StudyWorkflowImpl}, from the repository root: {@code mvn -pl workflows test-compile exec:java
 * -Dexec.classpathScope=test -Dexec.mainClass=dev.palo.workflows.study.StudyHistoryRecorder
 * -Dexec.args=workflows/src/test/resources/dev/palo/workflows/study}.
 */
public final class StudyHistoryRecorder {
    static final String HISTORY = "study-history.json";

    private StudyHistoryRecorder() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 1) {
            throw new IllegalArgumentException("usage: StudyHistoryRecorder <folder for the history file>");
        }
        try (TestWorkflowEnvironment env = StudyFixtures.start(new StudyFixtures.RecordingStudyActivities())) {
            env.getWorkflowClient().newWorkflowStub(StudyWorkflow.class, WorkflowOptions.newBuilder()
                    .setWorkflowId(StudyFixtures.STUDY_ID).setTaskQueue(TaskQueues.CPU).build())
                    .run(StudyFixtures.spec(List.of(42L, 43L), List.of(7L)));
            Files.createDirectories(Path.of(args[0]));
            Files.writeString(Path.of(args[0]).resolve(HISTORY),
                    env.getWorkflowClient().fetchHistory(StudyFixtures.STUDY_ID).toJson(true));
        }
    }
}
