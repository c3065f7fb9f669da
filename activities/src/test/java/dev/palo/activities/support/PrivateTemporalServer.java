package dev.palo.activities.support;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.temporal.api.workflowservice.v1.GetSystemInfoRequest;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A Temporal dev server of this test's own: the stack's binary ({@code .palo/venv/bin/temporal},
 * installed by {@code ./palo up}) with its own port and SQLite file, so a test may stop and restart
 * it without disturbing the shared stack that other tests use.
 */
public final class PrivateTemporalServer implements AutoCloseable {
    private static final Duration START_TIMEOUT = Duration.ofSeconds(60);

    private final Path cli;
    private final Path state;
    private final int port;
    private Process process;

    private PrivateTemporalServer(Path cli, Path state, int port) {
        this.cli = cli;
        this.state = state;
        this.port = port;
    }

    /** Starts a server keeping its database and log in {@code state}; fails when the CLI is missing. */
    public static PrivateTemporalServer start(Path state) throws IOException, InterruptedException {
        String paloHome = System.getProperty("palo.home");
        if (paloHome == null) {
            fail("system property palo.home is not set: run this test through Maven (the root pom sets it)");
        }
        Path cli = Path.of(paloHome, "venv", "bin", "temporal");
        if (!Files.isExecutable(cli)) {
            fail("Temporal CLI not found at " + cli + ": run ./palo up once to install it");
        }
        PrivateTemporalServer server = new PrivateTemporalServer(cli, state, freePort());
        server.launch();
        return server;
    }

    public String address() {
        return "127.0.0.1:" + port;
    }

    /** Stops the server (SIGTERM, as {@code ./palo down} does) and starts it again on the same file and port. */
    public void restart() throws IOException, InterruptedException {
        stop();
        launch();
    }

    private void launch() throws IOException, InterruptedException {
        List<String> command = List.of(cli.toString(), "server", "start-dev", "--headless",
                "--db-filename", state.resolve("temporal.db").toString(), "--ip", "127.0.0.1",
                "--port", String.valueOf(port));
        process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log().toFile())).start();
        Runtime.getRuntime().addShutdownHook(new Thread(process::destroy)); // no orphan server if the test JVM dies
        awaitAnswering();
    }

    /** Waits until the frontend answers, failing with the server's log when it does not in time. */
    private void awaitAnswering() throws IOException, InterruptedException {
        WorkflowServiceStubs probe = WorkflowServiceStubs.newServiceStubs(
                WorkflowServiceStubsOptions.newBuilder().setTarget(address()).build());
        try {
            long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
            while (true) {
                try {
                    probe.blockingStub().withDeadlineAfter(2, TimeUnit.SECONDS)
                            .getSystemInfo(GetSystemInfoRequest.getDefaultInstance());
                    return;
                } catch (RuntimeException notYet) {
                    if (!process.isAlive() || System.nanoTime() > deadline) {
                        fail("private Temporal dev server on " + address() + " did not answer within "
                                + START_TIMEOUT + "; its log:\n" + Files.readString(log()));
                    }
                    Thread.sleep(300);
                }
            }
        } finally {
            probe.shutdownNow();
        }
    }

    private void stop() throws InterruptedException {
        process.destroy();
        assertTrue(process.waitFor(30, TimeUnit.SECONDS), "Temporal dev server did not stop on SIGTERM");
    }

    private Path log() {
        return state.resolve("temporal.log");
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    @Override
    public void close() throws InterruptedException {
        if (process != null && process.isAlive()) {
            stop();
        }
    }
}
