package dev.palo.benchmarks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.Timestamp;
import io.temporal.api.common.v1.ActivityType;
import io.temporal.api.common.v1.Priority;
import io.temporal.api.enums.v1.EventType;
import io.temporal.api.history.v1.ActivityTaskCompletedEventAttributes;
import io.temporal.api.history.v1.ActivityTaskScheduledEventAttributes;
import io.temporal.api.history.v1.ActivityTaskStartedEventAttributes;
import io.temporal.api.history.v1.HistoryEvent;
import io.temporal.api.history.v1.WorkflowTaskCompletedEventAttributes;
import io.temporal.api.taskqueue.v1.TaskQueue;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class RunTimelineTest {
    private static final Instant T0 = Instant.parse("2026-12-06T10:00:00Z");

    @Test
    void waitAndWorkPerActivityAndPerQueueFirstAttemptsOnly() {
        List<HistoryEvent> events = List.of(
                scheduled(5, "Translate", "palo-gpu", 4, 0),
                scheduled(6, "PretrainProjector", "palo-gpu", 4, 0),
                started(7, 6, 1, 1),
                started(8, 5, 10, 1),
                completed(9, 5, 30),
                completed(10, 6, 50),
                scheduled(11, "Validate", "palo-cpu", 0, 50),
                started(12, 11, 60, 3),
                completed(13, 11, 61));

        List<RunTimeline.Span> spans = RunTimeline.spans("run-1-fr", events);

        assertEquals(3, spans.size());
        RunTimeline.Span translate = spans.get(0);
        assertEquals(Duration.ofSeconds(10), translate.waited());
        assertEquals(Duration.ofSeconds(20), translate.worked());
        assertEquals("short", translate.workClass(), "by its type, though it has training's key");
        assertEquals("long", spans.get(1).workClass());
        assertEquals(3, spans.get(2).priorityKey(), "no key set is Temporal's default");

        List<String> rows = RunTimeline.summary(spans, Duration.ofSeconds(61)).lines().toList();
        assertEquals(List.of("palo-gpu", "short", "1", "0", "10.0", "10.000", "10.000", "20.0", "50.0%"),
                row(rows, "palo-gpu short"));
        assertEquals(List.of("palo-cpu", "1", "1", "0.0", "0.000", "0.000", "0.0", "0.0%"), row(rows, "palo-cpu"),
                "a retried activity is counted apart");

        assertEquals("orchestration: palo-cpu schedule-to-start 0.0 s (0.00% of the wall time), workflow tasks"
                + " 2.0 s (3.28%)", RunTimeline.overhead(spans, RunTimeline.workflowTaskTime(List.of(
                        event(1, EventType.EVENT_TYPE_WORKFLOW_TASK_SCHEDULED, 0).build(),
                        event(3, EventType.EVENT_TYPE_WORKFLOW_TASK_COMPLETED, 2).setWorkflowTaskCompletedEventAttributes(
                                WorkflowTaskCompletedEventAttributes.newBuilder().setScheduledEventId(1)).build())),
                Duration.ofSeconds(61)).trim());

        assertEquals(Duration.ofSeconds(11), RunTimeline.idle(spans, T0, T0.plusSeconds(61)),
                "0-1 and 50-60 without an activity; Translate's 10-30 lies inside PretrainProjector's 1-50");

        String gantt = RunTimeline.gantt(spans, T0, T0.plusSeconds(50), 50);
        String row = gantt.lines().filter(line -> line.startsWith("Translate fr")).findFirst().orElseThrow();
        assertTrue(row.contains("|..........####################"), row);
    }

    private static List<String> row(List<String> rows, String prefix) {
        return List.of(rows.stream().filter(line -> line.startsWith(prefix)).findFirst().orElseThrow().split("\\s+"));
    }

    private static HistoryEvent scheduled(long id, String type, String queue, int key, long at) {
        return event(id, EventType.EVENT_TYPE_ACTIVITY_TASK_SCHEDULED, at).setActivityTaskScheduledEventAttributes(
                ActivityTaskScheduledEventAttributes.newBuilder().setActivityType(ActivityType.newBuilder().setName(type))
                        .setTaskQueue(TaskQueue.newBuilder().setName(queue))
                        .setPriority(Priority.newBuilder().setPriorityKey(key))).build();
    }

    private static HistoryEvent started(long id, long scheduledId, long at, int attempt) {
        return event(id, EventType.EVENT_TYPE_ACTIVITY_TASK_STARTED, at).setActivityTaskStartedEventAttributes(
                ActivityTaskStartedEventAttributes.newBuilder().setScheduledEventId(scheduledId).setAttempt(attempt))
                .build();
    }

    private static HistoryEvent completed(long id, long scheduledId, long at) {
        return event(id, EventType.EVENT_TYPE_ACTIVITY_TASK_COMPLETED, at).setActivityTaskCompletedEventAttributes(
                ActivityTaskCompletedEventAttributes.newBuilder().setScheduledEventId(scheduledId)).build();
    }

    private static HistoryEvent.Builder event(long id, EventType type, long secondsAfterStart) {
        Instant time = T0.plusSeconds(secondsAfterStart);
        return HistoryEvent.newBuilder().setEventId(id).setEventType(type)
                .setEventTime(Timestamp.newBuilder().setSeconds(time.getEpochSecond()));
    }
}
