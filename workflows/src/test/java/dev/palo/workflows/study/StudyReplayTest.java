package dev.palo.workflows.study;

import io.temporal.common.WorkflowExecutionHistory;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.testing.WorkflowReplayer;
import io.temporal.worker.Worker;
import io.temporal.worker.WorkerOptions;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * Today's study workflows must replay the histories recorded by {@link StudyHistoryRecorder} (a study of two arms) and
 * {@link Table2HistoryRecorder} (a study with single-language arms, and one such arm).
 */
class StudyReplayTest {
    /**
     * The first workflow task of a cold JVM loads Temporal's child-workflow classes inside the workflow thread; on a
     * loaded 2-core machine that took over the default 1 s deadlock detection (seen at load 20), which is no
     * nondeterminism: the replay gets 30 s.
     */
    private static final long DEADLOCK_DETECTION_MS = 30_000;

    @Test
    void table2StudyHistoryReplays() throws Exception {
        replay(Table2HistoryRecorder.STUDY_HISTORY, Table2HistoryRecorder.STUDY_ID, StudyWorkflowImpl.class);
    }

    @Test
    void singleLanguageArmHistoryReplays() throws Exception {
        replay(Table2HistoryRecorder.ARM_HISTORY, Table2HistoryRecorder.ARM_ID, SingleLanguageArmWorkflowImpl.class);
    }

    private static void replay(String history, String workflowId, Class<?> workflow) throws Exception {
        try (InputStream in = StudyReplayTest.class.getResourceAsStream(history);
             TestWorkflowEnvironment env = TestWorkflowEnvironment.newInstance()) {
            Worker worker = env.newWorker("study-replay", WorkerOptions.newBuilder()
                    .setDefaultDeadlockDetectionTimeout(DEADLOCK_DETECTION_MS).build());
            worker.registerWorkflowImplementationTypes(workflow);
            WorkflowReplayer.replayWorkflowExecution(WorkflowExecutionHistory.fromJson(
                    new String(in.readAllBytes(), StandardCharsets.UTF_8), workflowId), worker);
        }
    }

    @Test
    void studyHistoryReplays() throws Exception {
        replay(StudyHistoryRecorder.HISTORY, StudyFixtures.STUDY_ID, StudyWorkflowImpl.class);
    }
}
