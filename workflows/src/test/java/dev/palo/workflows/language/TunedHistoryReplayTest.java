package dev.palo.workflows.language;

import io.temporal.common.WorkflowExecutionHistory;
import io.temporal.testing.WorkflowReplayer;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Today's language workflow must replay a recorded run with translator fine-tune, re-translation and chrF. */
class TunedHistoryReplayTest {
    @Test
    void tunedLanguageHistoryReplays() throws Exception {
        try (InputStream in = TunedHistoryReplayTest.class.getResourceAsStream(TunedHistoryRecorder.HISTORY)) {
            WorkflowReplayer.replayWorkflowExecution(WorkflowExecutionHistory.fromJson(
                    new String(in.readAllBytes(), StandardCharsets.UTF_8), TunedHistoryRecorder.WORKFLOW_ID),
                    LanguagePipelineWorkflowImpl.class);
        }
    }
}
