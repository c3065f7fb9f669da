package dev.palo.services.triggers;

import dev.palo.activities.worker.WorkerSettings;
import dev.palo.services.support.EmbeddedStackResource;
import io.temporal.api.workflow.v1.WorkflowExecutionInfo;
import io.temporal.api.workflowservice.v1.ListWorkflowExecutionsRequest;
import io.temporal.api.workflowservice.v1.ListWorkflowExecutionsResponse;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowClientOptions;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

/**
 * The start-only runs of one test in the embedded stack's Temporal: the services tests' namespace, a task queue of the
 * test's own that no worker polls (so no pipeline executes and no other test sees them), read back through
 * visibility and terminated at the end.
 */
final class StartOnlyRuns implements AutoCloseable {
    final WorkflowServiceStubs service;
    final WorkflowClient client;
    final String taskQueue = "start-only-" + UUID.randomUUID();

    StartOnlyRuns() {
        service = WorkflowServiceStubs.newServiceStubs(WorkflowServiceStubsOptions.newBuilder()
                .setTarget(WorkerSettings.fromEnvironment(System.getenv()).temporalAddress()).build());
        EmbeddedStackResource.registerNamespace(service);
        client = WorkflowClient.newInstance(service,
                WorkflowClientOptions.newBuilder().setNamespace(EmbeddedStackResource.NAMESPACE).build());
    }

    /** How many executions each workflow id has on this test's task queue, open or closed. */
    Map<String, Integer> executionsById() {
        Map<String, Integer> executions = new TreeMap<>();
        com.google.protobuf.ByteString page = com.google.protobuf.ByteString.EMPTY;
        do {
            ListWorkflowExecutionsResponse response = service.blockingStub().listWorkflowExecutions(
                    ListWorkflowExecutionsRequest.newBuilder().setNamespace(EmbeddedStackResource.NAMESPACE)
                            .setQuery("TaskQueue = '" + taskQueue + "'").setPageSize(1000)
                            .setNextPageToken(page).build());
            for (WorkflowExecutionInfo info : response.getExecutionsList()) {
                executions.merge(info.getExecution().getWorkflowId(), 1, Integer::sum);
            }
            page = response.getNextPageToken();
        } while (!page.isEmpty());
        return executions;
    }

    /** The workflow ids the events of {@code keys} map to. */
    static Map<String, String> runIds(Iterable<String> keys) {
        Map<String, String> ids = new TreeMap<>();
        keys.forEach(key -> ids.put(TriggerPlanner.runId(TriggerKinds.LANGUAGE_ADDED, key), key));
        return ids;
    }

    @Override
    public void close() {
        try {
            for (String runId : executionsById().keySet()) {
                try {
                    client.newUntypedWorkflowStub(runId).terminate("start-only test done");
                } catch (RuntimeException e) {
                    // closed already
                }
            }
        } finally {
            service.shutdown();
        }
    }
}
