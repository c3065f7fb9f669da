package dev.palo.activities.support;

import dev.palo.activities.storage.MinioObjectStore;
import dev.palo.activities.storage.S3Settings;
import dev.palo.activities.tracking.MlflowTracker;
import dev.palo.activities.worker.WorkerSettings;
import io.temporal.api.workflowservice.v1.GetSystemInfoRequest;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.temporal.api.workflowservice.v1.RegisterNamespaceRequest;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowClientOptions;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeUnit;

/**
 * The servers started by {@code ./palo up}, addressed through the same environment variables the
 * worker reads. Integration tests fail (never skip) with a message saying how to start them.
 */
public final class EmbeddedStack implements AutoCloseable {
    public final Map<String, String> env = System.getenv();
    public final WorkerSettings settings = WorkerSettings.fromEnvironment(env);
    public final S3Settings s3 = S3Settings.fromEnvironment(env);
    public final String mlflowUri = env.getOrDefault(MlflowTracker.TRACKING_URI, "http://127.0.0.1:5000");
    private WorkflowServiceStubs temporal;

    /** Checks every server the platform needs and fails with what is missing. */
    public static EmbeddedStack requireUp() {
        EmbeddedStack stack = new EmbeddedStack();
        stack.checkObjectStore();
        stack.checkMlflow();
        stack.checkTemporal();
        return stack;
    }

    public MinioObjectStore objectStore() {
        return new MinioObjectStore(s3);
    }

    public MlflowTracker tracker() {
        return new MlflowTracker(mlflowUri);
    }

    public WorkflowClient workflowClient() {
        return workflowClient(settings.namespace());
    }

    public WorkflowClient workflowClient(String namespace) {
        return WorkflowClient.newInstance(temporal, WorkflowClientOptions.newBuilder().setNamespace(namespace).build());
    }

    /**
     * A client of a test's own namespace, registered on first use with one day of retention (test runs only), so
     * other tests' workers on the shared server never take its tasks.
     */
    public WorkflowClient registeredNamespaceClient(String namespace) {
        WorkflowClient client = workflowClient(namespace);
        try {
            client.getWorkflowServiceStubs().blockingStub().registerNamespace(RegisterNamespaceRequest.newBuilder()
                    .setNamespace(namespace)
                    .setWorkflowExecutionRetentionPeriod(com.google.protobuf.Duration.newBuilder().setSeconds(86_400))
                    .build());
        } catch (StatusRuntimeException e) {
            if (e.getStatus().getCode() != Status.Code.ALREADY_EXISTS) {
                throw e;
            }
        }
        return client;
    }

    private void checkObjectStore() {
        try {
            objectStore().requireBucket(s3.endpoint());
        } catch (Exception e) {
            throw notUp("object store at " + s3.endpoint(), e);
        }
    }

    private void checkMlflow() {
        try {
            HttpResponse<String> health = HttpClient.newHttpClient().send(
                    HttpRequest.newBuilder(URI.create(mlflowUri + "/health")).timeout(Duration.ofSeconds(5)).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (health.statusCode() != 200) {
                throw new IllegalStateException("GET /health answered " + health.statusCode());
            }
        } catch (Exception e) {
            throw notUp("MLflow at " + mlflowUri, e);
        }
    }

    private void checkTemporal() {
        try {
            temporal = WorkflowServiceStubs.newServiceStubs(
                    WorkflowServiceStubsOptions.newBuilder().setTarget(settings.temporalAddress()).build());
            temporal.blockingStub().withDeadlineAfter(5, TimeUnit.SECONDS)
                    .getSystemInfo(GetSystemInfoRequest.getDefaultInstance());
        } catch (Exception e) {
            throw notUp("Temporal at " + settings.temporalAddress(), e);
        }
    }

    private static AssertionError notUp(String what, Exception cause) {
        return new AssertionError("The embedded stack is not running: cannot reach the " + what
                + " (" + Objects.toString(cause.getMessage(), cause.toString()) + "). Start it with `./palo up` (or run everything with `./palo test`).",
                cause);
    }

    @Override
    public void close() {
        if (temporal != null) {
            temporal.shutdown();
        }
    }
}
