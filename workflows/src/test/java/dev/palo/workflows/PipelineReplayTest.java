package dev.palo.workflows;

import dev.palo.workflows.language.LanguagePipelineWorkflowImpl;
import dev.palo.workflows.pipeline.PaloPipelineWorkflowImpl;
import io.temporal.common.WorkflowExecutionHistory;
import io.temporal.testing.WorkflowReplayer;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Today's workflow code must replay histories recorded earlier without non-determinism errors. */
class PipelineReplayTest {
    @Test
    void pipelineHistoryReplays() throws Exception {
        WorkflowReplayer.replayWorkflowExecution(
                history(ReplayHistoryRecorder.PIPELINE_HISTORY, ReplayHistoryRecorder.PIPELINE_ID),
                PaloPipelineWorkflowImpl.class);
    }

    @Test
    void languageHistoryReplays() throws Exception {
        WorkflowReplayer.replayWorkflowExecution(
                history(ReplayHistoryRecorder.LANGUAGE_HISTORY, ReplayHistoryRecorder.PIPELINE_ID + "-ar"),
                LanguagePipelineWorkflowImpl.class);
    }

    /** The workflow id matters: the pipeline derives its children's ids from it. */
    private static WorkflowExecutionHistory history(String resource, String workflowId) throws IOException {
        try (InputStream in = PipelineReplayTest.class.getResourceAsStream(resource)) {
            return WorkflowExecutionHistory.fromJson(new String(in.readAllBytes(), StandardCharsets.UTF_8), workflowId);
        }
    }
}
