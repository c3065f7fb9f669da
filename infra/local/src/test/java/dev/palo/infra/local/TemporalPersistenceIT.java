package dev.palo.infra.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import io.temporal.api.common.v1.WorkflowExecution;
import io.temporal.api.enums.v1.WorkflowExecutionStatus;
import io.temporal.api.workflowservice.v1.DescribeWorkflowExecutionRequest;
import io.temporal.api.workflowservice.v1.DescribeWorkflowExecutionResponse;
import io.temporal.api.workflowservice.v1.GetSystemInfoRequest;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The stack's Temporal keeps workflows across a server restart. Runs its own dev server (same binary and
 * flags as ./palo up, another port and database file) so the shared stack is never restarted under other users.
 */
class TemporalPersistenceIT {
    private static final Duration START_TIMEOUT = Duration.ofSeconds(60);
    private static final String WORKFLOW_TYPE = "PersistenceCheck";

    @TempDir
    Path state;

    @Test
    void aWorkflowStartedBeforeARestartIsStillThereAfterIt() throws Exception {
        String paloHome = System.getProperty("palo.home");
        if (paloHome == null) {
            fail("system property palo.home is not set: run this test through Maven (the root pom sets it)");
        }
        Path cli = Path.of(paloHome, "venv", "bin", "temporal");
        if (!Files.isExecutable(cli)) {
            fail("Temporal CLI not found at " + cli + ": run ./palo up once to install it");
        }
        int port = freePort();
        String workflowId = "persistence-" + port;

        Process first = startServer(cli, port);
        try {
            WorkflowServiceStubs service = connect(port);
            WorkflowClient.newInstance(service)
                    .newUntypedWorkflowStub(WORKFLOW_TYPE, WorkflowOptions.newBuilder()
                            .setTaskQueue("no-worker").setWorkflowId(workflowId).build())
                    .start();
            service.shutdownNow();
        } finally {
            stop(first);
        }

        Process second = startServer(cli, port);
        try {
            WorkflowServiceStubs service = connect(port);
            DescribeWorkflowExecutionResponse described = service.blockingStub().describeWorkflowExecution(
                    DescribeWorkflowExecutionRequest.newBuilder().setNamespace("default")
                            .setExecution(WorkflowExecution.newBuilder().setWorkflowId(workflowId)).build());
            assertEquals(WORKFLOW_TYPE, described.getWorkflowExecutionInfo().getType().getName());
            assertEquals(WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_RUNNING, described.getWorkflowExecutionInfo().getStatus());
            service.shutdownNow();
        } finally {
            stop(second);
        }
    }

    private Process startServer(Path cli, int port) throws IOException {
        List<String> command = List.of(cli.toString(), "server", "start-dev", "--headless",
                "--db-filename", state.resolve("temporal.db").toString(), "--ip", "127.0.0.1", "--port", String.valueOf(port));
        return new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(state.resolve("temporal.log").toFile())).start();
    }

    /** Waits until the server answers, failing with its log when it does not within the timeout. */
    private WorkflowServiceStubs connect(int port) throws IOException, InterruptedException {
        WorkflowServiceStubs service = WorkflowServiceStubs.newServiceStubs(
                WorkflowServiceStubsOptions.newBuilder().setTarget("127.0.0.1:" + port).build());
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (true) {
            try {
                service.blockingStub().withDeadlineAfter(2, TimeUnit.SECONDS).getSystemInfo(GetSystemInfoRequest.getDefaultInstance());
                return service;
            } catch (RuntimeException notYet) {
                if (System.nanoTime() > deadline) {
                    service.shutdownNow();
                    fail("Temporal dev server did not answer within " + START_TIMEOUT + "; its log:\n"
                            + Files.readString(state.resolve("temporal.log")));
                }
                Thread.sleep(500);
            }
        }
    }

    private static void stop(Process server) throws InterruptedException {
        server.destroy();
        assertTrue(server.waitFor(30, TimeUnit.SECONDS), "Temporal dev server did not stop on SIGTERM");
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
