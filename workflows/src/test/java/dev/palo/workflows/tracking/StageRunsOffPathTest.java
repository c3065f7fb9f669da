package dev.palo.workflows.tracking;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.palo.workflows.InMemoryActivities;
import dev.palo.workflows.PipelineFixtures;
import dev.palo.workflows.events.EventTypes;
import dev.palo.workflows.events.PaloEvent;
import io.temporal.testing.TestWorkflowEnvironment;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Stage runs finished off the critical path ({@link StageTracking#CLOSE_OFF_PATH}) keep what consumers rely on: every
 * stage's run is closed before the run it nests in ends, and a stage's completion event, which names its run, is
 * published after that run was closed.
 */
class StageRunsOffPathTest {
    private TestWorkflowEnvironment env;

    @AfterEach
    void close() {
        env.close();
    }

    @Test
    void everyStageRunIsClosedBeforeItsCompletionEventAndBeforeThePipelineRunEnds() {
        InMemoryActivities activities = new InMemoryActivities(Set.of());
        env = PipelineFixtures.startEnvironment(activities);

        PipelineFixtures.pipeline(env, "off-path").run(PipelineFixtures.spec(List.of("ar", "hi")));

        List<String> calls = activities.trackingCalls;
        long started = calls.stream().filter(call -> call.startsWith("stage ")).count();
        long finished = calls.stream().filter(call -> call.startsWith("finish ")).count();
        assertTrue(started > 0);
        assertEquals(started, finished, "every stage run is finished: " + calls);
        assertEquals("end mlflow-off-path true", calls.get(calls.size() - 1), "the pipeline's run ends last: " + calls);
        List<String> order = activities.closesAndEvents;
        int completions = 0;
        for (PaloEvent event : activities.published) {
            Object stageRun = event.data().get("trackingRunId");
            if (event.type().equals(EventTypes.STAGE_COMPLETED) && stageRun != null) {
                completions++;
                int closed = order.indexOf("finish " + stageRun);
                assertTrue(closed >= 0 && closed < order.indexOf("event " + event.id()),
                        event.id() + " is published after its run " + stageRun + " was finished: " + order);
            }
        }
        assertTrue(completions > 0, "stage completions name their runs: " + activities.published);
    }

    @Test
    void aFailingRunClosesItsFinishedStagesRunsBeforeItsOwn() {
        InMemoryActivities activities = new InMemoryActivities(Set.of("hi"));
        env = PipelineFixtures.startEnvironment(activities);

        assertThrows(RuntimeException.class, () -> PipelineFixtures.pipeline(env, "off-path-fails")
                .run(PipelineFixtures.spec(List.of("hi"))));

        List<String> calls = activities.trackingCalls;
        assertEquals("end mlflow-off-path-fails false", calls.get(calls.size() - 1), calls.toString());
        long started = calls.stream().filter(call -> call.startsWith("stage ")).count();
        long closed = calls.stream().filter(call -> call.startsWith("finish ")
                || call.startsWith("end ") && !call.startsWith("end mlflow-off-path-fails ")).count();
        assertEquals(started, closed, "every stage run is closed, the failed one FAILED: " + calls);
    }
}
