package dev.palo.activities.support;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.palo.activities.worker.WorkerEnvironment;
import dev.palo.activities.worker.WorkerMain;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * {@link WorkerMain} in a JVM of its own, configured only through its environment like a deployed
 * worker, so that a test can kill it the way a machine dies. Its output goes to a log file that
 * failure messages quote.
 */
public final class WorkerProcess implements AutoCloseable {
    /** What a process killed by SIGKILL (signal 9) exits with. */
    public static final int SIGKILL_EXIT = 128 + 9;
    /** What a JVM stopped by SIGTERM (signal 15) exits with once its shutdown hooks have run. */
    public static final int SIGTERM_EXIT = 128 + 15;
    private static final String READY_LINE = "PALO worker polling";
    private static final Duration START_TIMEOUT = Duration.ofSeconds(60);

    private final Process process;
    private final Path log;

    private WorkerProcess(Process process, Path log) {
        this.process = process;
        this.log = log;
    }

    /**
     * Starts a worker with this JVM's classpath (the test runtime classpath) and environment plus
     * {@code env}, and waits until it polls its task queues.
     */
    public static WorkerProcess start(Map<String, String> env, Path log) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(
                // C1 only: a short-lived worker on a busy machine starts faster without the optimising compiler
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx512m", "-XX:TieredStopAtLevel=1",
                "-cp", System.getProperty("java.class.path"), WorkerMain.class.getName());
        // a metrics port in the caller's shell (a deployment's, or a second stack's) would be every test worker's, and
        // all but the first would die binding it: test workers serve no metrics unless the test asks
        builder.environment().remove(WorkerEnvironment.METRICS_PORT);
        builder.environment().putAll(env);
        Process process = builder.redirectErrorStream(true).redirectOutput(log.toFile()).start();
        // a test JVM that dies abruptly must not leave a worker polling the next run's tasks
        Runtime.getRuntime().addShutdownHook(new Thread(process::destroyForcibly));
        WorkerProcess worker = new WorkerProcess(process, log);
        worker.awaitReady();
        return worker;
    }

    /**
     * A worker polling {@code namespace} of the embedded stack's Temporal, with its own work folder
     * {@code work/name} and log {@code work/name-worker.log}; one PyTorch thread, since on a machine shared with
     * other builds two threads spin against each other.
     */
    public static WorkerProcess startInNamespace(EmbeddedStack stack, String namespace, Path work, String name)
            throws IOException, InterruptedException {
        return startInNamespace(stack, namespace, work, name, Map.of());
    }

    /** As {@link #startInNamespace(EmbeddedStack, String, Path, String)}, with {@code extraEnv} on top (a pool's queue). */
    public static WorkerProcess startInNamespace(EmbeddedStack stack, String namespace, Path work, String name,
                                                 Map<String, String> extraEnv) throws IOException, InterruptedException {
        Path workDir = Files.createDirectories(work.resolve(name));
        Map<String, String> env = new HashMap<>(Map.of(
                "PALO_TEMPORAL_ADDRESS", stack.settings.temporalAddress(),
                "PALO_TEMPORAL_NAMESPACE", namespace,
                "PALO_MLFLOW_EXPERIMENT", "palo-it",
                "PALO_WORK_DIR", workDir.toString(),
                "OMP_NUM_THREADS", "1"));
        env.putAll(extraEnv);
        return start(env, work.resolve(name + "-worker.log"));
    }

    private void awaitReady() throws IOException, InterruptedException {
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (!Files.readString(log).contains(READY_LINE)) {
            if (!process.isAlive() || System.nanoTime() > deadline) {
                fail("worker process did not start polling within " + START_TIMEOUT + "; its log:\n" + output());
            }
            Thread.sleep(200);
        }
    }

    public long pid() {
        return process.pid();
    }

    /** Kills the process without letting it clean up ({@code kill -9}) and returns its exit status. */
    public int killHard() throws InterruptedException {
        process.destroyForcibly();
        assertTrue(process.waitFor(30, TimeUnit.SECONDS), "worker process " + pid() + " survived SIGKILL");
        return process.exitValue();
    }

    /**
     * Sends SIGTERM (a pod's stop), waits up to {@code limit} for the process to exit, and returns how long it
     * took; fails if it is still alive then (it is killed).
     */
    public Duration stop(Duration limit) throws InterruptedException, IOException {
        long start = System.nanoTime();
        process.destroy();
        if (!process.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS)) {
            killHard();
            fail("worker process " + pid() + " did not exit within " + limit + " of SIGTERM; its log:\n" + output());
        }
        return Duration.ofNanos(System.nanoTime() - start);
    }

    public int exitValue() {
        return process.exitValue();
    }

    public String output() throws IOException {
        return Files.readString(log);
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            killHard();
        }
    }
}
