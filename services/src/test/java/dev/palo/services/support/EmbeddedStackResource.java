package dev.palo.services.support;

import dev.palo.activities.storage.MinioObjectStore;
import dev.palo.activities.storage.S3Settings;
import dev.palo.activities.tracking.MlflowTracker;
import dev.palo.activities.worker.WorkerSettings;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.temporal.api.workflowservice.v1.GetSystemInfoRequest;
import io.temporal.api.workflowservice.v1.ListWorkflowExecutionsRequest;
import io.temporal.api.workflowservice.v1.RegisterNamespaceRequest;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeUnit;

/**
 * Requires the servers of {@code ./palo up} (failing, never skipping, with how to start them) and
 * gives the app under test a Temporal namespace of its own: other engineers' workers poll the same
 * task queues in the default namespace and must never pick up these runs, nor this app theirs.
 */
public class EmbeddedStackResource implements QuarkusTestResourceLifecycleManager {
    public static final String NAMESPACE = "palo-services-it";

    private final Map<String, String> env = System.getenv();
    private WorkflowServiceStubs temporal;

    @Override
    public Map<String, String> start() {
        S3Settings s3 = S3Settings.fromEnvironment(env);
        try {
            new MinioObjectStore(s3).requireBucket(s3.endpoint());
        } catch (Exception e) {
            throw notUp("object store at " + s3.endpoint(), e);
        }
        String mlflow = env.getOrDefault(MlflowTracker.TRACKING_URI, "http://127.0.0.1:5000");
        try {
            int status = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(mlflow + "/health"))
                    .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.discarding()).statusCode();
            if (status != 200) {
                throw new IllegalStateException("GET /health answered " + status);
            }
        } catch (Exception e) {
            throw notUp("MLflow at " + mlflow, e);
        }
        String address = WorkerSettings.fromEnvironment(env).temporalAddress();
        try {
            temporal = WorkflowServiceStubs.newServiceStubs(
                    WorkflowServiceStubsOptions.newBuilder().setTarget(address).build());
            temporal.blockingStub().withDeadlineAfter(5, TimeUnit.SECONDS)
                    .getSystemInfo(GetSystemInfoRequest.getDefaultInstance());
        } catch (Exception e) {
            throw notUp("Temporal at " + address, e);
        }
        registerNamespace(temporal);
        Tokens.sendAdminByDefault();
        return Map.of("palo.temporal.namespace", NAMESPACE);
    }

    /**
     * Registers {@link #NAMESPACE} once per Temporal server, then waits until the frontend serves it (its cache
     * refreshes late). Public for the tests that talk to Temporal without the app.
     */
    public static void registerNamespace(WorkflowServiceStubs temporal) {
        try {
            temporal.blockingStub().registerNamespace(RegisterNamespaceRequest.newBuilder().setNamespace(NAMESPACE)
                    .setWorkflowExecutionRetentionPeriod(
                            com.google.protobuf.Duration.newBuilder().setSeconds(Duration.ofDays(1).toSeconds())).build());
        } catch (StatusRuntimeException e) {
            if (e.getStatus().getCode() != Status.Code.ALREADY_EXISTS) {
                throw e;
            }
        }
        Instant deadline = Instant.now().plusSeconds(30);
        while (true) {
            try {
                temporal.blockingStub().listWorkflowExecutions(
                        ListWorkflowExecutionsRequest.newBuilder().setNamespace(NAMESPACE).setPageSize(1).build());
                return;
            } catch (StatusRuntimeException e) {
                if (e.getStatus().getCode() != Status.Code.NOT_FOUND || Instant.now().isAfter(deadline)) {
                    throw e;
                }
            }
            sleep();
        }
    }

    private static void sleep() {
        try {
            Thread.sleep(500);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for namespace " + NAMESPACE, e);
        }
    }

    private static AssertionError notUp(String what, Exception cause) {
        return new AssertionError("The embedded stack is not running: cannot reach the " + what + " ("
                + Objects.toString(cause.getMessage(), cause.toString())
                + "). Start it with `./palo up` (or run everything with `./palo test`).", cause);
    }

    @Override
    public void stop() {
        if (temporal != null) {
            temporal.shutdown();
        }
    }
}
