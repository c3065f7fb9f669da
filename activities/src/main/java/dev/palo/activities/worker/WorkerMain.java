package dev.palo.activities.worker;

import dev.palo.activities.storage.MinioObjectStore;
import dev.palo.activities.storage.S3Settings;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowClientOptions;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import io.temporal.worker.WorkerFactory;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Starts a worker process: connects to Temporal, the object store and MLflow, then polls until stopped. */
public final class WorkerMain {
    private static final Logger LOG = LoggerFactory.getLogger(WorkerMain.class);

    private WorkerMain() {
    }

    public static void main(String[] args) throws Exception {
        WorkerEnvironment env = WorkerEnvironment.read(System.getenv());
        WorkerSettings settings = env.worker();
        S3Settings s3 = env.s3();
        MinioObjectStore store = new MinioObjectStore(s3).requireBucket(s3.endpoint());
        PrometheusMeterRegistry metrics = MetricsEndpoint.registry();
        WorkflowServiceStubs service = WorkflowServiceStubs.newServiceStubs(WorkflowServiceStubsOptions.newBuilder()
                .setTarget(settings.temporalAddress()).setMetricsScope(TemporalMetrics.scope(metrics)).build());
        WorkflowClient client = WorkflowClient.newInstance(service,
                WorkflowClientOptions.newBuilder().setNamespace(settings.namespace()).build());
        WorkerFactory factory = PaloWorkers.start(client, settings, PaloActivities.fromEnvironment(env, store),
                metrics);
        Optional<MetricsEndpoint> endpoint = env.metricsAddress() == null ? Optional.empty()
                : Optional.of(MetricsEndpoint.start(env.metricsAddress(), metrics, () -> !factory.isShutdown()));
        endpoint.ifPresent(e -> LOG.info("PALO worker metrics on port {} at {}", e.port(), MetricsEndpoint.METRICS_PATH));
        LOG.info("PALO worker polling {} on {} (namespace {}), objects on {}", settings.taskQueues(),
                settings.temporalAddress(), settings.namespace(), s3);
        // SIGTERM (a pod's stop), SIGINT: checkpoint and hand back running work within the drain timeout
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            WorkerShutdown.drain(factory, settings.drainTimeout());
            service.shutdown();
            endpoint.ifPresent(MetricsEndpoint::close);
        }, "worker-shutdown"));
        Thread.currentThread().join();
    }
}
