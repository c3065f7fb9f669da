package dev.palo.workflows.events;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.palo.workflows.InMemoryActivities;
import dev.palo.workflows.TaskQueues;
import io.temporal.client.WorkflowOptions;
import io.temporal.failure.ApplicationFailure;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.worker.Worker;
import io.temporal.workflow.CompletablePromise;
import io.temporal.workflow.Workflow;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The batched lane: events waiting behind a publish go out together, in order, at most {@link EventLane#MAX_BATCH}. */
class EventLaneTest {
    private TestWorkflowEnvironment env;
    private InMemoryActivities activities;

    @WorkflowInterface
    public interface EmittingWorkflow {
        /** Emits {@code count} events in one go; the one at {@code heldBack} waits on a promise that then fails. */
        @WorkflowMethod
        void emit(int count, int heldBack);
    }

    public static class EmittingWorkflowImpl implements EmittingWorkflow {
        @Override
        public void emit(int count, int heldBack) {
            EventLane lane = EventLane.forThisWorkflow();
            CompletablePromise<Void> failedClose = Workflow.newPromise();
            for (int i = 0; i < count; i++) {
                if (i == heldBack) {
                    lane.emitAfter(failedClose, EventTypes.STAGE_COMPLETED, "lane", "held/" + i, Map.of());
                } else {
                    lane.emit(EventTypes.STAGE_STARTED, "lane", "stage/" + i, Map.of());
                }
            }
            Workflow.sleep(1);
            failedClose.completeExceptionally(ApplicationFailure.newFailure("closing the run failed", "test"));
            lane.drain();
        }
    }

    @BeforeEach
    void start() {
        activities = new InMemoryActivities(Set.of());
        env = TestWorkflowEnvironment.newInstance();
        Worker worker = env.newWorker(TaskQueues.CPU);
        worker.registerWorkflowImplementationTypes(EmittingWorkflowImpl.class);
        worker.registerActivitiesImplementations(activities);
        env.start();
    }

    @AfterEach
    void close() {
        env.close();
    }

    private void run(int count, int heldBack) {
        env.getWorkflowClient().newWorkflowStub(EmittingWorkflow.class, WorkflowOptions.newBuilder()
                .setWorkflowId("lane-" + count + "-" + heldBack).setTaskQueue(TaskQueues.CPU).build())
                .emit(count, heldBack);
    }

    private List<String> subjects() {
        return activities.published.stream().map(PaloEvent::subject).toList();
    }

    @Test
    void eventsEmittedWhileOneIsPublishedGoOutTogetherInTheirOrder() {
        run(120, -1);

        assertEquals(IntStream.range(0, 120).mapToObj(i -> "stage/" + i).toList(), subjects());
        // the first alone (nothing waited behind it yet), then the other 119 in batches of at most 50
        assertEquals(1 + 3, activities.publishCalls.get());
    }

    @Test
    void anEventHeldBackHoldsBackThoseBehindItAndIsDroppedWhenWhatItWaitedForFailed() {
        run(5, 2);

        // stage/3 and stage/4 wait for held/2 (how many publishes that takes depends on when the first one ends)
        assertEquals(List.of("stage/0", "stage/1", "stage/3", "stage/4"), subjects());
    }
}
