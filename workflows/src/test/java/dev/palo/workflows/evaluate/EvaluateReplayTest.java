package dev.palo.workflows.evaluate;

import io.temporal.common.WorkflowExecutionHistory;
import io.temporal.testing.WorkflowReplayer;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Today's evaluate workflow must replay the history recorded by {@link EvaluateHistoryRecorder}. */
class EvaluateReplayTest {
    @Test
    void evaluateHistoryReplays() throws Exception {
        try (InputStream in = EvaluateReplayTest.class.getResourceAsStream(EvaluateHistoryRecorder.HISTORY)) {
            WorkflowReplayer.replayWorkflowExecution(WorkflowExecutionHistory.fromJson(
                    new String(in.readAllBytes(), StandardCharsets.UTF_8),
                    EvaluateWorkflow.workflowId(EvaluateHistoryRecorder.RUN_ID)), EvaluateWorkflowImpl.class);
        }
    }
}
