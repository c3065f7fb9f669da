package dev.palo.activities.training;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.palo.activities.storage.MinioObjectStore;
import dev.palo.activities.storage.StoredDirectory;
import dev.palo.activities.support.EmbeddedStack;
import dev.palo.activities.support.WorkerProcess;
import dev.palo.workflows.ArtifactRef;
import dev.palo.workflows.StageResult;
import dev.palo.workflows.TaskQueues;
import dev.palo.workflows.dataset.DatasetArm;
import dev.palo.workflows.finetune.FinetuneRequest;
import dev.palo.workflows.pretrain.PretrainRequest;
import dev.palo.workflows.training.LoraSettings;
import dev.palo.workflows.training.TrainingSettings;
import io.temporal.api.workflow.v1.PendingActivityInfo;
import io.temporal.api.workflowservice.v1.DescribeWorkflowExecutionRequest;
import io.temporal.api.workflowservice.v1.DescribeWorkflowExecutionResponse;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import io.temporal.worker.WorkerFactory;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * A training stage killed with SIGKILL on the servers of {@code ./palo up}: the stage's activity runs
 * in a worker JVM of its own (polling only {@code palo-gpu}, in a namespace of the test's own), the
 * one-activity workflow in this JVM. {@link #runInterrupted} kills the worker as soon as the first
 * checkpoint is in the store and lets a second worker finish the stage.
 */
public final class TrainingCrashHarness implements AutoCloseable {
    /** Short, so the server hands the killed attempt's work to the next worker within seconds. */
    public static final Duration HEARTBEAT_TIMEOUT = Duration.ofSeconds(3);
    private static final Duration RUN_TIMEOUT = Duration.ofMinutes(3);
    private static final ObjectMapper JSON = new ObjectMapper();

    public final EmbeddedStack stack = EmbeddedStack.requireUp();
    public final MinioObjectStore store = stack.objectStore();
    private final String namespace;
    private final String workflowQueue;
    private final Path work;
    private final WorkflowClient client;
    private final WorkerFactory workflowWorker;
    private int workers;

    public TrainingCrashHarness(String namespace, Path work) {
        this.namespace = namespace;
        this.workflowQueue = namespace + "-workflows";
        this.work = work;
        this.client = stack.registeredNamespaceClient(namespace);
        this.workflowWorker = WorkerFactory.newInstance(client);
        workflowWorker.newWorker(workflowQueue).registerWorkflowImplementationTypes(TrainingStageWorkflowImpl.class);
        workflowWorker.start();
    }

    /** A worker JVM configured through its environment only, polling {@code palo-gpu}. */
    public WorkerProcess startWorker() throws IOException, InterruptedException {
        return startWorker(Map.of());
    }

    /** {@link #startWorker()} with more environment ({@code PALO_WORKER_DRAIN_SECONDS}, say). */
    public WorkerProcess startWorker(Map<String, String> extraEnv) throws IOException, InterruptedException {
        String name = "worker-" + (++workers);
        Path workDir = Files.createDirectories(work.resolve(name));
        Map<String, String> env = new HashMap<>(Map.of(
                "PALO_TEMPORAL_ADDRESS", stack.settings.temporalAddress(),
                "PALO_TEMPORAL_NAMESPACE", namespace,
                "PALO_WORKER_QUEUES", TaskQueues.GPU,
                "PALO_MLFLOW_EXPERIMENT", "palo-it",
                "PALO_WORK_DIR", workDir.toString()));
        env.putAll(extraEnv);
        return WorkerProcess.start(env, work.resolve(name + ".log"));
    }

    /** The running stage's last heartbeated progress, as the server holds it (START before the first heartbeat). */
    public TrainingProgress heartbeated(WorkflowStub run) {
        DescribeWorkflowExecutionResponse described = client.getWorkflowServiceStubs().blockingStub()
                .describeWorkflowExecution(DescribeWorkflowExecutionRequest.newBuilder().setNamespace(namespace)
                        .setExecution(run.getExecution()).build());
        return described.getPendingActivitiesList().stream()
                .filter(PendingActivityInfo::hasHeartbeatDetails)
                .map(activity -> client.getOptions().getDataConverter().fromPayloads(0,
                        Optional.of(activity.getHeartbeatDetails()), TrainingProgress.class, TrainingProgress.class))
                .filter(Objects::nonNull) // the keeper's empty beat before the stage's first own heartbeat
                .findFirst().orElse(TrainingProgress.START);
    }

    public WorkflowStub start(String workflowId, PretrainRequest pretrain, FinetuneRequest finetune) {
        WorkflowStub stub = client.newUntypedWorkflowStub("TrainingStageWorkflow", WorkflowOptions.newBuilder()
                .setWorkflowId(workflowId).setTaskQueue(workflowQueue).build());
        stub.start(pretrain, finetune, HEARTBEAT_TIMEOUT);
        return stub;
    }

    public static StageResult await(WorkflowStub run) throws Exception {
        return run.getResult(RUN_TIMEOUT.toSeconds(), java.util.concurrent.TimeUnit.SECONDS, StageResult.class);
    }

    /** A LoRA fine-tune request and its undisturbed twin: the same inputs, each its own image folder and run. */
    public record FinetunePair(FinetuneRequest undisturbed, FinetuneRequest interrupted) {
    }

    /** Uploads {@code instructions} fixture records, their images and a base bundle, and names both fine-tunes. */
    public FinetunePair finetunePair(String test, int instructions, TrainingSettings settings, LoraSettings lora)
            throws IOException {
        String nonce = UUID.randomUUID().toString();
        String root = "it/" + test + "/" + nonce + "/";
        TrainingFixtures.uploadImagesForTwoRuns(store, root);
        ArtifactRef dataset = TrainingFixtures.uploadDataset(store, root + "palo/", DatasetArm.PALO,
                TrainingFixtures.instructions(instructions), 100);
        ArtifactRef pretrained = TrainingFixtures.uploadBaseBundle(store, root + "pretrained/", work.resolve("pretrained"));
        return new FinetunePair(
                new FinetuneRequest(test + "-" + nonce + "-undisturbed", DatasetArm.PALO, pretrained, dataset,
                        root + "images-undisturbed/", settings, lora, trackingRun("finetune undisturbed " + nonce)),
                new FinetuneRequest(test + "-" + nonce, DatasetArm.PALO, pretrained, dataset, root + "images/",
                        settings, lora, trackingRun("finetune palo " + nonce)));
    }

    /** A tracking run on the real MLflow server for the stage to log to. */
    public String trackingRun(String name) throws IOException {
        return stack.tracker().findOrCreateRun("palo-it", name, Map.of("palo.it", name), null);
    }

    /**
     * Runs the stage with {@code first} until its first checkpoint's index (written after the
     * checkpoint's files) is in the store, kills {@code first} with SIGKILL, then lets a fresh worker
     * finish the stage.
     */
    public StageResult runInterrupted(WorkflowStub run, WorkerProcess first, String stagePrefix) throws Exception {
        awaitFirstCheckpoint(stagePrefix, first);
        assertEquals(WorkerProcess.SIGKILL_EXIT, first.killHard(), "the worker must die by SIGKILL");
        try (WorkerProcess second = startWorker()) {
            try {
                return await(run);
            } catch (Exception e) {
                throw new AssertionError("the stage did not finish after the kill; second worker's log:\n"
                        + second.output(), e);
            }
        }
    }

    /** Waits until the first checkpoint's index (written after the checkpoint's files) is under {@code stagePrefix}. */
    public void awaitFirstCheckpoint(String stagePrefix, WorkerProcess worker) throws Exception {
        long deadline = System.nanoTime() + RUN_TIMEOUT.toNanos();
        while (store.list(stagePrefix).stream().noneMatch(k -> k.contains("/checkpoints/step-")
                && k.endsWith(".directory.json"))) {
            if (System.nanoTime() > deadline) {
                fail("no checkpoint under " + stagePrefix + " within " + RUN_TIMEOUT + "; worker log:\n" + worker.output());
            }
            Thread.sleep(50);
        }
    }

    /** sha256 of one file of a stored bundle, as its directory index records it. */
    public String fileSha256(ArtifactRef bundle, String file) throws IOException {
        try (InputStream in = store.open(bundle)) {
            StoredDirectory.Index index = JSON.readValue(in, StoredDirectory.Index.class);
            return index.files().stream().filter(e -> e.path().equals(file)).findFirst()
                    .orElseThrow(() -> new AssertionError(file + " missing from bundle " + bundle.uri()))
                    .ref().sha256();
        }
    }

    public static void assertResumedFromACheckpoint(StageResult result) {
        assertTrue(result.metrics().get("train.resumed_from_step") > 0,
                "the finishing attempt did not start from a checkpoint: " + result.metrics());
    }

    /** Prints how long the worker took to start, the undisturbed run and the interrupted one (nanoTime marks). */
    public static void printTimings(String test, long start, long started, long undisturbedDone) {
        System.out.printf("%s: worker start %.1f s, undisturbed run %.1f s, interrupted run incl. kill and"
                        + " restart %.1f s%n", test, (started - start) / 1e9, (undisturbedDone - started) / 1e9,
                (System.nanoTime() - undisturbedDone) / 1e9);
    }

    @Override
    public void close() {
        workflowWorker.shutdownNow();
        stack.close();
    }
}
