package dev.palo.workflows;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.palo.workflows.language.LanguagePipelineWorkflowImpl;
import dev.palo.workflows.pipeline.PaloPipelineWorkflowImpl;
import dev.palo.workflows.tracking.StageTracking;
import io.temporal.api.history.v1.HistoryEvent;
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

    @Test
    void pipelineHistoryWithStageRunsClosedOffThePathReplays() throws Exception {
        WorkflowReplayer.replayWorkflowExecution(offPath(
                history(ReplayHistoryRecorder.PIPELINE_HISTORY_OFF_PATH, ReplayHistoryRecorder.PIPELINE_ID)),
                PaloPipelineWorkflowImpl.class);
    }

    @Test
    void languageHistoryWithStageRunsClosedOffThePathReplays() throws Exception {
        WorkflowReplayer.replayWorkflowExecution(offPath(
                history(ReplayHistoryRecorder.LANGUAGE_HISTORY_OFF_PATH, ReplayHistoryRecorder.PIPELINE_ID + "-ar")),
                LanguagePipelineWorkflowImpl.class);
    }

    @Test
    void pipelineHistoryWithEventsInBatchesReplays() throws Exception {
        WorkflowExecutionHistory history = history(ReplayHistoryRecorder.PIPELINE_HISTORY_EVENTS_BATCHED,
                ReplayHistoryRecorder.PIPELINE_ID);
        assertTrue(publishes(history, "PublishEvents") > 0 && publishes(history, "PublishEvent") == 0);
        WorkflowReplayer.replayWorkflowExecution(offPath(history), PaloPipelineWorkflowImpl.class);
    }

    @Test
    void languageHistoryWithEventsInBatchesReplays() throws Exception {
        WorkflowExecutionHistory history = history(ReplayHistoryRecorder.LANGUAGE_HISTORY_EVENTS_BATCHED,
                ReplayHistoryRecorder.PIPELINE_ID + "-ar");
        assertTrue(publishes(history, "PublishEvents") > 0 && publishes(history, "PublishEvent") == 0);
        WorkflowReplayer.replayWorkflowExecution(offPath(history), LanguagePipelineWorkflowImpl.class);
    }

    /** A history of the new shape: a version marker says its stage runs were finished off the path. */
    private static WorkflowExecutionHistory offPath(WorkflowExecutionHistory history) {
        assertTrue(history.getEvents().stream()
                .filter(HistoryEvent::hasMarkerRecordedEventAttributes)
                .map(event -> event.getMarkerRecordedEventAttributes().getDetailsMap().get("changeId"))
                .anyMatch(changeId -> changeId != null && changeId.getPayloads(0).getData().toStringUtf8()
                        .equals("\"" + StageTracking.CLOSE_OFF_PATH + "\"")), "recorded before the change");
        return history;
    }

    /** Publish activities of one type the history scheduled. */
    private static long publishes(WorkflowExecutionHistory history, String activityType) {
        return history.getEvents().stream()
                .filter(HistoryEvent::hasActivityTaskScheduledEventAttributes)
                .filter(event -> event.getActivityTaskScheduledEventAttributes().getActivityType().getName()
                        .equals(activityType))
                .count();
    }

    /** The workflow id matters: the pipeline derives its children's ids from it. */
    private static WorkflowExecutionHistory history(String resource, String workflowId) throws IOException {
        try (InputStream in = PipelineReplayTest.class.getResourceAsStream(resource)) {
            return WorkflowExecutionHistory.fromJson(new String(in.readAllBytes(), StandardCharsets.UTF_8), workflowId);
        }
    }
}
