package dev.palo.activities.worker;

import dev.palo.workflows.TaskQueues;
import dev.palo.workflows.evaluate.EvaluateWorkflowImpl;
import dev.palo.workflows.language.LanguagePipelineWorkflowImpl;
import dev.palo.workflows.pipeline.PaloPipelineWorkflowImpl;
import dev.palo.workflows.review.SimulatedReviewWorkflowImpl;
import dev.palo.workflows.study.SingleLanguageArmWorkflowImpl;
import dev.palo.workflows.study.StudyWorkflowImpl;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.temporal.client.WorkflowClient;
import io.temporal.worker.Worker;
import io.temporal.worker.WorkerFactory;
import io.temporal.worker.WorkerFactoryOptions;
import io.temporal.worker.WorkerOptions;
import java.util.List;

/**
 * Registers the platform's workflows and activities on task queues. Routing (which queue a task
 * goes to) lives in the workflows; a pool chooses which queues it polls. A local worker polls
 * both {@code palo-cpu} and {@code palo-gpu}; production pools poll one each. {@code gpuSlots} and {@code cpuSlots} cap
 * the activities of each queue this process runs at once ({@link WorkerSettings#gpuSlots}, {@link WorkerSettings#cpuSlots}). Every activity's
 * heartbeat is kept alive while it runs ({@link HeartbeatKeeper}), so heartbeat timeouts stay short. Stop the
 * factory with {@link WorkerShutdown#drain}.
 */
public final class PaloWorkers {
    private PaloWorkers() {
    }

    /** Without per-stage metrics (tests that run workers in their own JVM). */
    public static WorkerFactory start(WorkflowClient client, List<String> taskQueues, int gpuSlots,
                                      List<Object> activities) {
        return start(client, taskQueues, gpuSlots, activities, new SimpleMeterRegistry());
    }

    /** With Temporal's default of palo-cpu slots; {@code metrics} receives each activity's {@link StageMetrics}. */
    public static WorkerFactory start(WorkflowClient client, List<String> taskQueues, int gpuSlots,
                                      List<Object> activities, MeterRegistry metrics) {
        return start(client, taskQueues, gpuSlots, WorkerSettings.TEMPORAL_DEFAULT_SLOTS, activities, metrics);
    }

    /** The queues and slots of {@code settings}; {@code metrics} receives each activity's {@link StageMetrics}. */
    public static WorkerFactory start(WorkflowClient client, WorkerSettings settings, List<Object> activities,
                                      MeterRegistry metrics) {
        return start(client, settings.taskQueues(), settings.gpuSlots(), settings.cpuSlots(), activities, metrics);
    }

    private static WorkerFactory start(WorkflowClient client, List<String> taskQueues, int gpuSlots, int cpuSlots,
                                       List<Object> activities, MeterRegistry metrics) {
        if (taskQueues.isEmpty()) {
            throw new IllegalArgumentException("a worker must poll at least one task queue");
        }
        WorkerShutdown shutdown = new WorkerShutdown();
        WorkerFactory factory = WorkerFactory.newInstance(client, WorkerFactoryOptions.newBuilder()
                .setWorkerInterceptors(new ActivityLogContext(), shutdown, new HeartbeatKeeper(), new QueueWait(),
                        new StageMetrics(metrics))
                .build());
        WorkerShutdown.register(factory, shutdown);
        for (String queue : taskQueues) {
            WorkerOptions.Builder options = WorkerOptions.newBuilder()
                    // a stopping worker's activities heartbeat their last checkpoint (WorkerShutdown)
                    .setAllowActivityHeartbeatDuringShutdown(true);
            if (TaskQueues.isGpu(queue)) {
                options.setMaxConcurrentActivityExecutionSize(gpuSlots);
            } else if (TaskQueues.CPU.equals(queue)) {
                options.setMaxConcurrentActivityExecutionSize(cpuSlots);
            }
            Worker worker = factory.newWorker(queue, options.build());
            worker.registerWorkflowImplementationTypes(PaloPipelineWorkflowImpl.class, LanguagePipelineWorkflowImpl.class,
                    EvaluateWorkflowImpl.class, SimulatedReviewWorkflowImpl.class, StudyWorkflowImpl.class,
                    SingleLanguageArmWorkflowImpl.class);
            worker.registerActivitiesImplementations(activities.toArray());
        }
        factory.start();
        return factory;
    }
}
