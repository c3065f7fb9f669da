package dev.palo.services.metrics;

import dev.palo.activities.worker.WorkerSettings;
import dev.palo.workflows.GpuScheduling;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.StartupEvent;
import io.temporal.api.enums.v1.TaskQueueType;
import io.temporal.api.taskqueue.v1.TaskQueue;
import io.temporal.api.workflowservice.v1.DescribeTaskQueueRequest;
import io.temporal.serviceclient.WorkflowServiceStubs;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/**
 * {@code palo_taskqueue_backlog{queue, type}}: the approximate number of tasks waiting on each PALO task queue
 * (workflow and activity tasks apart), as Temporal's DescribeTaskQueue reports it ({@code approximate_backlog_count},
 * servers 1.25+), the figure KEDA's Temporal scaler scales the pools on. Read on scrape, at most once per
 * {@link #FRESH_FOR} per queue, so a scraper never loads the server; NaN while the server does not answer.
 */
@ApplicationScoped
public class TaskQueueBacklog {
    private static final Logger LOG = Logger.getLogger(TaskQueueBacklog.class);
    static final Duration FRESH_FOR = Duration.ofSeconds(10);
    private static final Map<String, TaskQueueType> TYPES = Map.of(
            "workflow", TaskQueueType.TASK_QUEUE_TYPE_WORKFLOW, "activity", TaskQueueType.TASK_QUEUE_TYPE_ACTIVITY);

    @Inject
    WorkflowServiceStubs service;
    @Inject
    WorkerSettings settings;
    @Inject
    MeterRegistry registry;

    private final Map<String, Reading> readings = new ConcurrentHashMap<>();

    private record Reading(long atNanos, double backlog) {
    }

    void register(@Observes StartupEvent event) {
        for (String queue : queues(settings.gpuScheduling())) {
            for (Map.Entry<String, TaskQueueType> type : TYPES.entrySet()) {
                Gauge.builder("palo.taskqueue.backlog", () -> backlog(queue, type.getValue()))
                        .description("tasks waiting on the queue (Temporal's approximate backlog count)")
                        .tags("queue", queue, "type", type.getKey()).register(registry);
            }
        }
    }

    double backlog(String queue, TaskQueueType type) {
        String key = queue + "/" + type;
        Reading last = readings.get(key);
        if (last != null && System.nanoTime() - last.atNanos() < FRESH_FOR.toNanos()) {
            return last.backlog();
        }
        double backlog;
        try {
            backlog = service.blockingStub().withDeadlineAfter(5, TimeUnit.SECONDS)
                    .describeTaskQueue(DescribeTaskQueueRequest.newBuilder()
                            .setNamespace(settings.namespace())
                            .setTaskQueue(TaskQueue.newBuilder().setName(queue).build())
                            .setTaskQueueType(type)
                            .setReportStats(true)
                            .build())
                    .getStats().getApproximateBacklogCount();
        } catch (RuntimeException e) {
            LOG.debugf("backlog of %s not read: %s", key, e.getMessage());
            backlog = Double.NaN;
        }
        readings.put(key, new Reading(System.nanoTime(), backlog));
        return backlog;
    }

    /** The queues a deployment's pools scale on: short GPU work has its own under {@link GpuScheduling#QUEUES}. */
    static List<String> queues(GpuScheduling scheduling) {
        return scheduling.taskQueues();
    }
}
