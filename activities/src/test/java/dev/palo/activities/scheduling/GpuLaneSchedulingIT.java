package dev.palo.activities.scheduling;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.palo.activities.support.EmbeddedStack;
import dev.palo.activities.worker.QueueWait;
import dev.palo.workflows.GpuScheduling;
import dev.palo.workflows.RunPriority;
import dev.palo.workflows.StageResult;
import dev.palo.workflows.WorkClass;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.common.Priority;
import io.temporal.worker.Worker;
import io.temporal.worker.WorkerFactory;
import io.temporal.worker.WorkerFactoryOptions;
import io.temporal.worker.WorkerOptions;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * GPU lane scheduling against the real Temporal server of {@code ./palo up}: one lane (one activity slot) on a queue of
 * its own, work queued behind it. Short work goes before training queued earlier (priority by work class), and two
 * runs queued together take turns (fairness by run), and a run's priority shifts its work's (priority by run); under
 * {@link GpuScheduling#QUEUES} short work has a lane of its own.
 */
class GpuLaneSchedulingIT {
    /** A 3 s training takes the lane; half a second later a second training and a translation are queued. */
    private static final List<LaneProbe.Job> TRAINING_THEN_TRANSLATE = List.of(
            new LaneProbe.Job("training-1", WorkClass.LONG, 3_000, 0),
            new LaneProbe.Job("training-2", WorkClass.LONG, 300, 500),
            new LaneProbe.Job("translate", WorkClass.SHORT, 300, 500));

    private EmbeddedStack stack;
    private WorkerFactory factory;
    private String queue;
    private WorkflowClient client;

    @BeforeEach
    void oneLane() {
        stack = EmbeddedStack.requireUp();
        client = stack.workflowClient();
        queue = "palo-gpu-lane-it-" + UUID.randomUUID();
        // the platform's QueueWait, as PaloWorkers installs it: each result carries its wait for the lane
        factory = WorkerFactory.newInstance(client, WorkerFactoryOptions.newBuilder()
                .setWorkerInterceptors(new QueueWait()).build());
        Worker worker = factory.newWorker(queue, WorkerOptions.newBuilder().setMaxConcurrentActivityExecutionSize(1)
                .build());
        worker.registerWorkflowImplementationTypes(LaneProbeWorkflowImpl.class);
        worker.registerActivitiesImplementations(new LaneProbe.ActivitiesImpl());
        // short work's own lane, which only runs under GpuScheduling.QUEUES take work from
        factory.newWorker(LaneProbe.shortQueue(queue), WorkerOptions.newBuilder()
                .setMaxConcurrentActivityExecutionSize(1).build())
                .registerActivitiesImplementations(new LaneProbe.ActivitiesImpl());
        factory.start();
        LaneProbe.STARTED.clear();
    }

    @AfterEach
    void close() {
        factory.shutdownNow();
        stack.close();
    }

    @Test
    void shortWorkQueuedLaterStartsBeforeQueuedTraining() {
        List<StageResult> results = run("priority", null, TRAINING_THEN_TRANSLATE).join();

        assertEquals(List.of("training-1", "translate", "training-2"), LaneProbe.STARTED);
        // the translation was queued about 1 s after training-1 took the lane for 3 s (1.4 s measured on a quiet
        // machine), training-1 found the lane free
        double translateWaited = results.get(2).metrics().get(StageResult.QUEUE_WAIT_SECONDS);
        double trainingWaited = results.get(0).metrics().get(StageResult.QUEUE_WAIT_SECONDS);
        assertTrue(translateWaited >= 0.5 && translateWaited <= 10, "translate waited " + translateWaited + " s");
        assertTrue(trainingWaited < translateWaited, "training-1 waited " + trainingWaited + " s");
    }

    @Test
    void underQueuesSchedulingShortWorkTakesItsOwnLaneWhileTrainingHoldsTheOther() {
        List<StageResult> results = run("queues", null, null, GpuScheduling.QUEUES, TRAINING_THEN_TRANSLATE).join();

        assertEquals(List.of("training-1", "translate", "training-2"), LaneProbe.STARTED);
        // under priority it waited for training-1's 3 s (test above); here its own lane was free
        double translateWaited = results.get(2).metrics().get(StageResult.QUEUE_WAIT_SECONDS);
        double secondTrainingWaited = results.get(1).metrics().get(StageResult.QUEUE_WAIT_SECONDS);
        assertTrue(translateWaited < 1.0, "translate waited " + translateWaited + " s");
        assertTrue(secondTrainingWaited > translateWaited + 1.0,
                "training-2 waited for training-1's lane: " + secondTrainingWaited + " s");
    }

    @Test
    void twoRunsQueuedTogetherTakeTurnsOnTheLane() {
        List<CompletableFuture<List<StageResult>>> runs = new ArrayList<>();
        for (String run : List.of("a", "b")) {
            List<LaneProbe.Job> jobs = new ArrayList<>();
            for (int i = 1; i <= 4; i++) {
                jobs.add(new LaneProbe.Job(run + i, WorkClass.LONG, 400, 0));
            }
            runs.add(run("run-" + run, run, jobs));
        }
        runs.forEach(CompletableFuture::join);

        List<String> firstThree = LaneProbe.STARTED.subList(0, 3);
        assertTrue(firstThree.stream().anyMatch(name -> name.startsWith("a"))
                && firstThree.stream().anyMatch(name -> name.startsWith("b")),
                "both runs start work within the lane's first three turns: " + LaneProbe.STARTED);
    }

    @Test
    void aHighPriorityRunsTrainingGoesBeforeALowPriorityRunsQueuedEarlier() {
        CompletableFuture<List<StageResult>> busy = run("busy", null, List.of(new LaneProbe.Job("busy", WorkClass.LONG, 3_000, 0)));
        CompletableFuture<List<StageResult>> low = run("low", "low", RunPriority.LOW,
                List.of(new LaneProbe.Job("low-training", WorkClass.LONG, 300, 500)));
        CompletableFuture<List<StageResult>> high = run("high", "high", RunPriority.HIGH,
                List.of(new LaneProbe.Job("high-training", WorkClass.LONG, 300, 1_000)));
        CompletableFuture.allOf(busy, low, high).join();

        assertEquals(List.of("busy", "high-training", "low-training"), LaneProbe.STARTED);
    }

    /** Starts a probe workflow, with {@code fairnessKey} as a run's (null: none). */
    private CompletableFuture<List<StageResult>> run(String name, String fairnessKey, List<LaneProbe.Job> jobs) {
        return run(name, fairnessKey, null, jobs);
    }

    /** A probe workflow started as a run of {@code priority} would be (null: normal, as before priorities). */
    private CompletableFuture<List<StageResult>> run(String name, String fairnessKey, RunPriority priority, List<LaneProbe.Job> jobs) {
        return run(name, fairnessKey, priority, null, jobs);
    }

    /** ... and under the deployment's GPU scheduling {@code scheduling} (null: none in the memo, as earlier runs). */
    private CompletableFuture<List<StageResult>> run(String name, String fairnessKey, RunPriority priority,
                                                     GpuScheduling scheduling, List<LaneProbe.Job> jobs) {
        WorkflowOptions.Builder options = WorkflowOptions.newBuilder().setTaskQueue(queue)
                .setWorkflowId(queue + "-" + name);
        if (scheduling != null) {
            options.setMemo(scheduling.memo());
        }
        if (fairnessKey != null || priority != null) {
            Priority.Builder run = Priority.newBuilder();
            if (fairnessKey != null) {
                run.setFairnessKey(fairnessKey);
            }
            if (priority != null) {
                run.setPriorityKey(priority.key());
            }
            options.setPriority(run.build());
        }
        LaneProbe.Workflow workflow = client.newWorkflowStub(LaneProbe.Workflow.class, options.build());
        return WorkflowClient.execute(workflow::schedule, queue, jobs);
    }
}
