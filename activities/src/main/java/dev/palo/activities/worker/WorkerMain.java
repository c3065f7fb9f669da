package dev.palo.activities.worker;

import dev.palo.activities.storage.MinioObjectStore;
import dev.palo.activities.storage.S3Settings;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowClientOptions;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import io.temporal.worker.WorkerFactory;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Starts a worker process: connects to Temporal, the object store and MLflow, then polls until stopped. */
public final class WorkerMain {
    private WorkerMain() {
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> env = System.getenv();
        WorkerSettings settings = WorkerSettings.fromEnvironment(env);
        S3Settings s3 = S3Settings.fromEnvironment(env);
        MinioObjectStore store = new MinioObjectStore(s3).requireBucket(s3.endpoint());
        WorkflowServiceStubs service = WorkflowServiceStubs.newServiceStubs(
                WorkflowServiceStubsOptions.newBuilder().setTarget(settings.temporalAddress()).build());
        WorkflowClient client = WorkflowClient.newInstance(service,
                WorkflowClientOptions.newBuilder().setNamespace(settings.namespace()).build());
        WorkerFactory factory = PaloWorkers.start(client, settings.taskQueues(), settings.gpuSlots(),
                PaloActivities.fromEnvironment(env, store, settings));
        System.out.println("PALO worker polling " + settings.taskQueues() + " on " + settings.temporalAddress()
                + " (namespace " + settings.namespace() + "), objects on " + s3);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            factory.shutdown();
            factory.awaitTermination(30, TimeUnit.SECONDS);
            service.shutdown();
        }));
        Thread.currentThread().join();
    }
}
