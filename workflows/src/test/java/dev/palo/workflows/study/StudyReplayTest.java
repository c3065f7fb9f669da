package dev.palo.workflows.study;

import io.temporal.common.WorkflowExecutionHistory;
import io.temporal.testing.WorkflowReplayer;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Today's study workflow must replay the history recorded by {@link StudyHistoryRecorder}. */
class StudyReplayTest {
    @Test
    void studyHistoryReplays() throws Exception {
        try (InputStream in = StudyReplayTest.class.getResourceAsStream(StudyHistoryRecorder.HISTORY)) {
            WorkflowReplayer.replayWorkflowExecution(WorkflowExecutionHistory.fromJson(
                    new String(in.readAllBytes(), StandardCharsets.UTF_8), StudyFixtures.STUDY_ID),
                    StudyWorkflowImpl.class);
        }
    }
}
