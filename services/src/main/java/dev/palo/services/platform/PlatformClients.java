package dev.palo.services.platform;

import dev.palo.activities.review.ReviewClient;
import dev.palo.activities.storage.MinioObjectStore;
import dev.palo.activities.storage.S3Settings;
import dev.palo.activities.worker.TemporalMetrics;
import dev.palo.activities.worker.WorkerSettings;
import dev.palo.services.settings.PlatformEnvironment;
import io.micrometer.core.instrument.MeterRegistry;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowClientOptions;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.io.IOException;

/**
 * The app's connections to Temporal and the object store, configured from the same PALO_*
 * variables as a standalone worker ({@link PlatformEnvironment}), so both always agree.
 */
@ApplicationScoped
public class PlatformClients {

    @Produces
    @Singleton
    MinioObjectStore objectStore(S3Settings s3) throws IOException {
        return new MinioObjectStore(s3).requireBucket(s3.endpoint());
    }

    @Produces
    @Singleton
    WorkflowServiceStubs temporalService(WorkerSettings settings, MeterRegistry metrics) {
        // the SDK's client and worker metrics go to /q/metrics with the app's own
        return WorkflowServiceStubs.newServiceStubs(WorkflowServiceStubsOptions.newBuilder()
                .setTarget(settings.temporalAddress()).setMetricsScope(TemporalMetrics.scope(metrics)).build());
    }

    void closeTemporalService(@Disposes WorkflowServiceStubs service) {
        service.shutdown();
    }

    @Produces
    @Singleton
    ReviewClient reviewClient(WorkflowClient client, MinioObjectStore store) {
        return new ReviewClient(client, store);
    }

    @Produces
    @Singleton
    WorkflowClient workflowClient(WorkflowServiceStubs service, WorkerSettings settings) {
        return WorkflowClient.newInstance(service,
                WorkflowClientOptions.newBuilder().setNamespace(settings.namespace()).build());
    }
}
