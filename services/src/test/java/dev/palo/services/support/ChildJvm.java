package dev.palo.services.support;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * A main class in a JVM of its own, with this JVM's environment, so that a test can stop it the way a machine stops:
 * {@link #killHard()} is {@code kill -9}, {@link #terminate()} is a plain {@code kill} (SIGTERM, shutdown hooks run).
 * Its output goes to a log file that failure messages quote.
 */
public final class ChildJvm implements AutoCloseable {
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(60);

    private final Process process;
    private final Path log;

    private ChildJvm(Process process, Path log) {
        this.process = process;
        this.log = log;
    }

    /** Starts {@code mainClass} with {@code classpath} and {@code args}, its output appended to {@code log}. */
    public static ChildJvm start(String classpath, String mainClass, List<String> args, String maxHeap, Path log)
            throws IOException {
        return start(classpath, mainClass, args, maxHeap, log, Map.of());
    }

    /** The same, with {@code environment} added to this JVM's for a main class configured by variables. */
    public static ChildJvm start(String classpath, String mainClass, List<String> args, String maxHeap, Path log,
                                 Map<String, String> environment) throws IOException {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx" + maxHeap,
                // C1 only: a short-lived JVM on a busy machine starts faster without the optimising compiler
                "-XX:TieredStopAtLevel=1", "-cp", classpath, mainClass));
        command.addAll(args);
        Files.createDirectories(log.toAbsolutePath().getParent());
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().putAll(environment);
        Process process = builder.redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
        // a test JVM that dies abruptly must not leave the child running
        Runtime.getRuntime().addShutdownHook(new Thread(process::destroyForcibly));
        return new ChildJvm(process, log);
    }

    /** Waits until the log satisfies {@code ready}; fails with the log if the process exits or time runs out. */
    public void await(String what, Predicate<String> ready, Duration timeout) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!ready.test(output())) {
            if (!process.isAlive() || System.nanoTime() > deadline) {
                fail(what + " did not happen within " + timeout + " (process " + (process.isAlive() ? "alive"
                        : "exited " + process.exitValue()) + "); its log:\n" + output());
            }
            Thread.sleep(100);
        }
    }

    /** Kills the process without letting it clean up ({@code kill -9}) and returns its exit status. */
    public int killHard() throws InterruptedException {
        process.destroyForcibly();
        assertTrue(process.waitFor(STOP_TIMEOUT.toSeconds(), TimeUnit.SECONDS), "process " + pid() + " survived SIGKILL");
        return process.exitValue();
    }

    /** Stops the process with SIGTERM, as an operator or init system would, and waits until it has exited. */
    public int terminate() throws InterruptedException, IOException {
        process.destroy();
        if (!process.waitFor(STOP_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
            fail("process " + pid() + " did not exit within " + STOP_TIMEOUT + " of SIGTERM; its log:\n" + output());
        }
        return process.exitValue();
    }

    public boolean alive() {
        return process.isAlive();
    }

    public long pid() {
        return process.pid();
    }

    public String output() throws IOException {
        return Files.exists(log) ? Files.readString(log) : "";
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            killHard();
        }
    }
}
