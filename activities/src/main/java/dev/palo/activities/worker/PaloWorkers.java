package dev.palo.activities.worker;

import dev.palo.workflows.TaskQueues;
import dev.palo.workflows.evaluate.EvaluateWorkflowImpl;
import dev.palo.workflows.language.LanguagePipelineWorkflowImpl;
import dev.palo.workflows.pipeline.PaloPipelineWorkflowImpl;
import dev.palo.workflows.review.SimulatedReviewWorkflowImpl;
import io.temporal.client.WorkflowClient;
import io.temporal.worker.Worker;
import io.temporal.worker.WorkerFactory;
import io.temporal.worker.WorkerFactoryOptions;
import io.temporal.worker.WorkerOptions;
import java.util.List;

/**
 * Registers the platform's workflows and activities on task queues. Routing (which queue a task
 * goes to) lives in the workflows; a pool chooses which queues it polls. A local worker polls
 * both {@code palo-cpu} and {@code palo-gpu}; production pools poll one each. {@code gpuSlots} caps
 * the {@code palo-gpu} activities this process runs at once ({@link WorkerSettings#gpuSlots}). Every activity's
 * heartbeat is kept alive while it runs ({@link HeartbeatKeeper}), so heartbeat timeouts stay short.
 */
public final class PaloWorkers {
    private PaloWorkers() {
    }

    public static WorkerFactory start(WorkflowClient client, List<String> taskQueues, int gpuSlots,
                                      List<Object> activities) {
        if (taskQueues.isEmpty()) {
            throw new IllegalArgumentException("a worker must poll at least one task queue");
        }
        WorkerFactory factory = WorkerFactory.newInstance(client, WorkerFactoryOptions.newBuilder()
                .setWorkerInterceptors(new HeartbeatKeeper())
                .build());
        for (String queue : taskQueues) {
            Worker worker = factory.newWorker(queue, TaskQueues.GPU.equals(queue)
                    ? WorkerOptions.newBuilder().setMaxConcurrentActivityExecutionSize(gpuSlots).build()
                    : WorkerOptions.getDefaultInstance());
            worker.registerWorkflowImplementationTypes(PaloPipelineWorkflowImpl.class, LanguagePipelineWorkflowImpl.class,
                    EvaluateWorkflowImpl.class, SimulatedReviewWorkflowImpl.class);
            worker.registerActivitiesImplementations(activities.toArray());
        }
        factory.start();
        return factory;
    }
}
