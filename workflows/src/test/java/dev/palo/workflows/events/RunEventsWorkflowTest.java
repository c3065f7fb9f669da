package dev.palo.workflows.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.palo.workflows.InMemoryActivities;
import dev.palo.workflows.PipelineFixtures;
import dev.palo.workflows.TaskQueues;
import dev.palo.workflows.pipeline.PaloPipelineWorkflow;
import io.temporal.client.WorkflowOptions;
import io.temporal.testing.TestWorkflowEnvironment;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The events a run publishes, their order and ids, with in-memory activities. */
class RunEventsWorkflowTest {
    private TestWorkflowEnvironment env;

    @AfterEach
    void close() {
        env.close();
    }

    @Test
    void aRunPublishesItsStartEveryStageBoundaryAndItsEndInOrderWithUniqueIds() {
        InMemoryActivities activities = new InMemoryActivities(Set.of());
        env = PipelineFixtures.startEnvironment(activities);

        PipelineFixtures.pipeline(env, "run-events").run(PipelineFixtures.spec(List.of("ar", "hi")));

        List<PaloEvent> events = activities.published;
        assertEquals(EventTypes.RUN_STARTED, events.get(0).type());
        assertEquals(EventTypes.RUN_COMPLETED, events.get(events.size() - 1).type());
        assertEquals(events.size(), new HashSet<>(events.stream().map(PaloEvent::id).toList()).size(),
                "every event id is unique within the run: " + events.stream().map(PaloEvent::id).toList());
        assertTrue(events.stream().allMatch(event -> event.runId().equals("run-events")));
        for (String code : List.of("ar", "hi")) {
            for (String stage : List.of("translate", "post-edit", "review")) {
                int started = indexOf(events, "run-events/stage.started/" + stage + "/" + code);
                int completed = indexOf(events, "run-events/stage.completed/" + stage + "/" + code);
                assertTrue(started >= 0 && started < completed, stage + "/" + code + " started before completed");
            }
            assertTrue(indexOf(events, "run-events/review.opened/review/" + code) >= 0);
        }
        assertTrue(indexOf(events, "run-events/quarantine.counted/quarantine/en") >= 0);
        assertTrue(indexOf(events, "run-events/stage.completed/dataset-build/palo") >= 0);
        PaloEvent translated = events.get(indexOf(events, "run-events/stage.completed/translate/ar"));
        assertTrue(translated.data().containsKey("output"), "artifact refs travel with the stage's end");
        assertTrue(translated.data().containsKey("metrics"));
    }

    @Test
    void aFailedRunEndsWithRunFailedAndTheLanguagesStageFailure() {
        InMemoryActivities activities = new InMemoryActivities(Set.of("hi"));
        env = PipelineFixtures.startEnvironment(activities);

        assertThrows(RuntimeException.class, () -> PipelineFixtures.pipeline(env, "run-fails")
                .run(PipelineFixtures.spec(List.of("ar", "hi"))));

        List<PaloEvent> events = activities.published;
        assertEquals(EventTypes.RUN_FAILED, events.get(events.size() - 1).type());
        assertTrue(events.stream().anyMatch(event -> event.type().equals(EventTypes.STAGE_FAILED)
                && event.subject().endsWith("/hi")), events.toString());
    }

    @Test
    void aTriggeredRunCarriesItsTriggerInTheFirstEventAndInItsTrackingTags() {
        InMemoryActivities activities = new InMemoryActivities(Set.of());
        env = PipelineFixtures.startEnvironment(activities);
        TriggerInfo trigger = new TriggerInfo("key-1", "source.updated", "annotation-tool", "palo.triggers/0@5");
        PaloPipelineWorkflow pipeline = env.getWorkflowClient().newWorkflowStub(PaloPipelineWorkflow.class,
                WorkflowOptions.newBuilder().setWorkflowId("run-triggered").setTaskQueue(TaskQueues.CPU)
                        .setMemo(Map.of(TriggerInfo.MEMO_KEY, trigger)).build());

        pipeline.run(PipelineFixtures.spec(List.of("ar")));

        PaloEvent started = activities.published.get(0);
        assertEquals(trigger.asData(), started.data().get("trigger"));
        assertEquals(trigger.tags(), activities.trackingTags.get("mlflow-run-triggered"));
    }

    private static int indexOf(List<PaloEvent> events, String id) {
        for (int i = 0; i < events.size(); i++) {
            if (events.get(i).id().equals(id)) {
                return i;
            }
        }
        return -1;
    }
}
