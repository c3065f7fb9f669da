package dev.palo.workflows.study;

import io.temporal.common.WorkflowExecutionHistory;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.testing.WorkflowReplayer;
import io.temporal.worker.Worker;
import io.temporal.worker.WorkerOptions;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Today's study workflow must replay the history recorded by {@link StudyHistoryRecorder}. */
class StudyReplayTest {
    /**
     * The first workflow task of a cold JVM loads Temporal's child-workflow classes inside the workflow thread; on a
     * loaded 2-core machine that took over the default 1 s deadlock detection (seen at load 20), which is no
     * nondeterminism: the replay gets 30 s.
     */
    private static final long DEADLOCK_DETECTION_MS = 30_000;

    @Test
    void studyHistoryReplays() throws Exception {
        try (InputStream in = StudyReplayTest.class.getResourceAsStream(StudyHistoryRecorder.HISTORY);
             TestWorkflowEnvironment env = TestWorkflowEnvironment.newInstance()) {
            Worker worker = env.newWorker("study-replay", WorkerOptions.newBuilder()
                    .setDefaultDeadlockDetectionTimeout(DEADLOCK_DETECTION_MS).build());
            worker.registerWorkflowImplementationTypes(StudyWorkflowImpl.class);
            WorkflowReplayer.replayWorkflowExecution(WorkflowExecutionHistory.fromJson(
                    new String(in.readAllBytes(), StandardCharsets.UTF_8), StudyFixtures.STUDY_ID), worker);
        }
    }
}
