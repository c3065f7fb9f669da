package dev.palo.activities.evaluate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.palo.activities.storage.MinioObjectStore;
import dev.palo.activities.storage.StoredDirectory;
import dev.palo.activities.support.EmbeddedStack;
import dev.palo.activities.support.WorkerProcess;
import dev.palo.workflows.ArtifactRef;
import dev.palo.workflows.StageResult;
import dev.palo.workflows.dataset.DatasetArm;
import dev.palo.workflows.evaluate.ArmModel;
import dev.palo.workflows.evaluate.EvaluateActivities;
import dev.palo.workflows.evaluate.EvaluateConfig;
import dev.palo.workflows.evaluate.EvaluateResult;
import dev.palo.workflows.evaluate.EvaluateSpec;
import dev.palo.workflows.evaluate.EvaluateWorkflow;
import dev.palo.workflows.evaluate.EvaluateWorkflowImpl;
import dev.palo.workflows.evaluate.ScorerConfig;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.worker.WorkerFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The worker running evaluation, a JVM of its own, killed with SIGKILL after the first chunk of
 * answers is committed, on the servers of {@code ./palo up}: a new worker resumes after the last
 * committed chunk and the run ends with the answers and scores of an undisturbed run.
 *
 * <p>The evaluate workflow runs in this JVM on a queue of its own; the activities run on the
 * platform's queues in the worker process, in a namespace of this test's own so that no other
 * test's worker takes them. The reference and the interrupted run read equal bytes stored under
 * different keys, so the stage cache cannot hand the second run the first one's output.
 */
class EvaluateCrashIT {
    private static final String NAMESPACE = "palo-evaluate-crash-it";
    private static final String WORKFLOW_QUEUE = "evaluate-crash-it";
    private static final int IMAGES = 4;
    private static final int QUESTIONS = 6;
    /** Six batches of two per arm, so the kill lands between batches. */
    private static final EvaluateConfig CONFIG = new EvaluateConfig(16, 2, ScorerConfig.reference(),
            Duration.ofSeconds(5));
    private static final Duration RUN_TIMEOUT = Duration.ofMinutes(3);

    @TempDir
    Path work;

    @Test
    void aWorkerKilledMidGenerationIsReplacedAndTheScoresEqualAnUndisturbedRun() throws Exception {
        try (EmbeddedStack stack = EmbeddedStack.requireUp()) {
            WorkflowClient client = stack.registeredNamespaceClient(NAMESPACE);
            MinioObjectStore store = stack.objectStore();
            String nonce = UUID.randomUUID().toString();
            EvaluateSpec reference = spec(stack, "evaluate-crash-it-" + nonce + "-reference", nonce);
            EvaluateSpec interrupted = spec(stack, "evaluate-crash-it-" + nonce, nonce);

            WorkerFactory workflows = WorkerFactory.newInstance(client);
            workflows.newWorker(WORKFLOW_QUEUE).registerWorkflowImplementationTypes(EvaluateWorkflowImpl.class);
            workflows.start();
            try {
                EvaluateResult undisturbed;
                CompletableFuture<EvaluateResult> resumed;
                long killedPid;
                try (WorkerProcess first = startWorker(stack, "first")) {
                    undisturbed = start(client, reference).get(RUN_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
                    resumed = start(client, interrupted);
                    awaitFirstChunk(store, interrupted.runId());
                    killedPid = first.pid();
                    assertEquals(WorkerProcess.SIGKILL_EXIT, first.killHard(), "the worker must die by SIGKILL");
                }
                assertFalse(answersFinished(store, interrupted.runId()),
                        "the kill came after every arm's answers were complete");
                long killedAt = System.nanoTime();
                try (WorkerProcess second = startWorker(stack, "second")) {
                    EvaluateResult result = resumed.get(RUN_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
                    for (int arm = 0; arm < 2; arm++) {
                        assertEquals(answerFiles(store, undisturbed.answers().get(arm)),
                                answerFiles(store, result.answers().get(arm)),
                                "answers after the crash differ; worker log:\n" + second.output());
                        assertEquals(scores(undisturbed.scores().get(arm)), scores(result.scores().get(arm)),
                                "scores after the crash differ");
                    }
                    assertEquals(scores(undisturbed.report()), scores(result.report()), "Table 1 differs");
                    System.out.printf("EvaluateCrashIT: killed worker pid %d after the first committed chunk; the run"
                                    + " finished %d s after the kill with identical answers and scores %s%n",
                            killedPid, Duration.ofNanos(System.nanoTime() - killedAt).toSeconds(),
                            result.scores().get(1).metrics());
                }
            } finally {
                workflows.shutdownNow();
            }
        }
    }

    /** Both arms evaluate the same random mini model; inputs are stored under the run's own prefix. */
    private EvaluateSpec spec(EmbeddedStack stack, String runId, String nonce) throws IOException {
        MinioObjectStore store = stack.objectStore();
        String tracking = stack.tracker().findOrCreateRun("palo-it", runId, Map.of("palo.run", runId), null);
        Path inputs = Files.createDirectories(work.resolve(runId));
        String prefix = "it/evaluate-crash/" + nonce + "/" + runId + "/";
        ArtifactRef bench = EvaluateFixtures.uploadBench(store, prefix + "bench", inputs, IMAGES, QUESTIONS);
        ArtifactRef model = EvaluateFixtures.uploadMiniModel(store, prefix + "model", inputs);
        return new EvaluateSpec(runId, List.of(new ArmModel(DatasetArm.BASELINE, model),
                new ArmModel(DatasetArm.PALO, model)), bench, EvaluateFixtures.LANGUAGES, CONFIG, tracking);
    }

    private static CompletableFuture<EvaluateResult> start(WorkflowClient client, EvaluateSpec spec) {
        EvaluateWorkflow workflow = client.newWorkflowStub(EvaluateWorkflow.class, WorkflowOptions.newBuilder()
                .setWorkflowId(EvaluateWorkflow.workflowId(spec.runId()))
                .setTaskQueue(WORKFLOW_QUEUE)
                .setWorkflowExecutionTimeout(RUN_TIMEOUT)
                .build());
        return WorkflowClient.execute(workflow::run, spec);
    }

    private static String answersPrefix(String runId) {
        return "runs/" + runId + "/" + EvaluateActivities.ANSWERS_STAGE + "/";
    }

    private static void awaitFirstChunk(MinioObjectStore store, String runId) throws Exception {
        long deadline = System.nanoTime() + RUN_TIMEOUT.toNanos();
        while (store.list(answersPrefix(runId)).stream().noneMatch(key -> key.contains("/chunks/"))) {
            if (System.nanoTime() > deadline) {
                fail("no answer chunk was committed within " + RUN_TIMEOUT);
            }
            Thread.sleep(100);
        }
    }

    /** Both arms' answer manifests exist: generation is over. */
    private static boolean answersFinished(MinioObjectStore store, String runId) throws IOException {
        return store.list(answersPrefix(runId)).stream().filter(key -> key.endsWith("/manifest.json")).count() == 2;
    }

    private Map<String, String> answerFiles(MinioObjectStore store, StageResult answers) throws IOException {
        Path folder = new StoredDirectory(store, work.resolve("read")).download(answers.output());
        Map<String, String> files = new LinkedHashMap<>();
        for (String code : EvaluateFixtures.LANGUAGES) {
            files.put(code, Files.readString(folder.resolve(code + ".jsonl")));
        }
        return files;
    }

    private WorkerProcess startWorker(EmbeddedStack stack, String name) throws Exception {
        return WorkerProcess.startInNamespace(stack, NAMESPACE, work, name);
    }

    /**
     * A stage's figures without its queue wait: that one is the time a worker took to pick the activity up, which
     * the machine's load moves (0.0 against 0.1 s in one CI run), not a score.
     */
    private static Map<String, Double> scores(StageResult scoring) {
        Map<String, Double> figures = new LinkedHashMap<>(scoring.metrics());
        figures.remove(StageResult.QUEUE_WAIT_SECONDS);
        return figures;
    }
}
