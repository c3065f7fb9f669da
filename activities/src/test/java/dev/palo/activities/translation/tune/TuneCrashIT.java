package dev.palo.activities.translation.tune;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.palo.activities.storage.MinioObjectStore;
import dev.palo.activities.storage.Sha256;
import dev.palo.activities.storage.StoredDirectory;
import dev.palo.activities.support.EmbeddedStack;
import dev.palo.activities.support.LlavaSamples;
import dev.palo.activities.support.WorkerProcess;
import dev.palo.activities.tracking.TrackingActivitiesImpl;
import dev.palo.activities.translation.base.TranslatorBundles;
import dev.palo.data.llava.LlavaRecord;
import dev.palo.model.translator.LocalTranslator;
import dev.palo.workflows.ArtifactRef;
import dev.palo.workflows.TargetLanguage;
import dev.palo.workflows.translation.translate.TranslatorRef;
import dev.palo.workflows.translation.tune.LocalTune;
import dev.palo.workflows.translation.tune.TuneConfig;
import dev.palo.workflows.translation.tune.TuneRequest;
import dev.palo.workflows.translation.tune.TuneResult;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowFailedException;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import io.temporal.worker.Worker;
import io.temporal.worker.WorkerFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A worker JVM killed with SIGKILL in the middle of the local translator's LoRA fine-tune, on the servers
 * of {@code ./palo up}, after it stored a training checkpoint: a new worker process resumes from the newest
 * checkpoint and the tuned weights are byte-identical to an undisturbed tune of the same base and pairs.
 */
class TuneCrashIT {
    private static final String NAMESPACE = "palo-tune-crash-it";
    /** The test's own queue for the workflow; the activity goes to palo-gpu, served by the worker processes. */
    private static final String WORKFLOW_QUEUE = "tune-crash-it";
    private static final TargetLanguage FRENCH = new TargetLanguage(FrenchPhrases.LANGUAGE, "French");
    /** 9 steps per epoch with batch 2: 45 steps, a checkpoint every 5, so the kill lands long before the end. */
    private static final LocalTune TUNE = LocalTune.builder().rank(4).alpha(8).learningRate(5e-3).epochs(5).batchSize(2)
            .seed(7).checkpointEvery(5).build();
    private static final Duration HEARTBEAT_TIMEOUT = Duration.ofSeconds(5);
    private static final Duration RUN_TIMEOUT = Duration.ofMinutes(3);

    @TempDir
    Path work;

    @Test
    void aWorkerKilledMidTuneIsReplacedAndTheTunedWeightsEqualAnUndisturbedTune() throws Exception {
        try (EmbeddedStack stack = EmbeddedStack.requireUp()) {
            WorkflowClient client = stack.registeredNamespaceClient(NAMESPACE);
            MinioObjectStore store = stack.objectStore();
            TranslatorBundles bundles = new TranslatorBundles(store, work.resolve("bundles"));
            String nonce = UUID.randomUUID().toString();
            ArtifactRef base;
            try (LocalTranslator translator = FrenchPhrases.trainBase()) {
                base = bundles.upload("it/" + nonce + "/base-translator", translator, "test");
            }
            List<LlavaRecord> reviewed = FrenchPhrases.correctedPairs(nonce);
            ArtifactRef pairs = store.put("it/" + nonce + "/corrected-pairs.json", LlavaSamples.json(reviewed),
                    "application/json", reviewed.size());
            String runId = "tune-crash-" + nonce;
            TuneRequest request = new TuneRequest(runId, FRENCH, pairs, TranslatorRef.local("crash-it-base", base),
                    TuneConfig.local(TUNE).withHeartbeatTimeout(HEARTBEAT_TIMEOUT),
                    new TrackingActivitiesImpl(stack.tracker(), "palo-it").startPipelineRun(runId, Map.of()));

            WorkerFactory workflows = WorkerFactory.newInstance(client);
            Worker worker = workflows.newWorker(WORKFLOW_QUEUE);
            worker.registerWorkflowImplementationTypes(TuneOnceWorkflowImpl.class);
            workflows.start();
            try {
                WorkflowStub run;
                long killedPid;
                try (WorkerProcess first = startWorker(stack, "first")) {
                    TuneOnceWorkflow tune = client.newWorkflowStub(TuneOnceWorkflow.class, WorkflowOptions.newBuilder()
                            .setTaskQueue(WORKFLOW_QUEUE).setWorkflowId(runId)
                            .setWorkflowExecutionTimeout(RUN_TIMEOUT).build());
                    WorkflowClient.start(tune::run, request);
                    run = WorkflowStub.fromTyped(tune);
                    String stage = "runs/" + runId + "/tune/fr/";
                    long started = System.nanoTime();
                    awaitCheckpoint(store, stage, first);
                    System.out.printf("TuneCrashIT: first checkpoint after %d ms%n", (System.nanoTime() - started) / 1_000_000);
                    killedPid = first.pid();
                    assertEquals(WorkerProcess.SIGKILL_EXIT, first.killHard(), "the worker must die by SIGKILL");
                    assertFalse(store.list(stage).stream().anyMatch(key -> key.endsWith("manifest.json")),
                            "the tune finished before the kill; give it more steps");
                }
                try (WorkerProcess second = startWorker(stack, "second")) {
                    TuneResult result = result(run, second);

                    double resumedFrom = result.stage().metrics().get("resumedFromStep");
                    assertTrue(resumedFrom > 0, "the second worker resumed from a checkpoint: " + result.stage());
                    assertEquals(undisturbedWeights(bundles, base, store, pairs),
                            storedWeights(store, result.translator().weights()),
                            "tuned weights after the crash differ from an undisturbed tune; worker log:\n"
                                    + second.output());
                    System.out.printf("TuneCrashIT: killed worker pid %d mid-tune; resumed from step %.0f of %.0f%n",
                            killedPid, resumedFrom, result.stage().metrics().get("steps"));
                }
            } finally {
                workflows.shutdown();
                workflows.awaitTermination(10, TimeUnit.SECONDS);
            }
        }
    }

    private static TuneResult result(WorkflowStub run, WorkerProcess worker) throws Exception {
        try {
            return run.getResult(RUN_TIMEOUT.toSeconds(), TimeUnit.SECONDS, TuneResult.class);
        } catch (WorkflowFailedException e) {
            throw new AssertionError("the tune did not finish after the kill; second worker's log:\n" + worker.output(), e);
        }
    }

    /** The sha256 of model.safetensors in a stored translator bundle. */
    private static String storedWeights(MinioObjectStore store, ArtifactRef bundle) throws Exception {
        return new StoredDirectory(store, Path.of("unused")).read(bundle).files().stream()
                .filter(entry -> entry.path().equals("model.safetensors")).findFirst().orElseThrow().ref().sha256();
    }

    /** The same tune, from the same stored base and pairs, run here without interruption. */
    private String undisturbedWeights(TranslatorBundles bundles, ArtifactRef base, MinioObjectStore store,
                                      ArtifactRef pairs) throws Exception {
        Path saved = work.resolve("undisturbed");
        try (LocalTranslator loaded = bundles.load(base);
             LocalTranslator tuned = FrenchPhrases.tune(loaded, TUNE, TrainingPairs.read(store, pairs, FRENCH.code()))) {
            tuned.save(saved);
        }
        return Sha256.of(saved.resolve("model.safetensors"));
    }

    private static void awaitCheckpoint(MinioObjectStore store, String stage, WorkerProcess worker) throws Exception {
        long deadline = System.nanoTime() + RUN_TIMEOUT.toNanos();
        while (store.list(stage).stream().noneMatch(key -> key.contains("/" + LocalTuner.CHECKPOINTS)
                && key.endsWith(".directory.json"))) {
            if (System.nanoTime() > deadline) {
                fail("no tune checkpoint under " + stage + " within " + RUN_TIMEOUT + "; worker log:\n" + worker.output());
            }
            Thread.sleep(100);
        }
    }

    private WorkerProcess startWorker(EmbeddedStack stack, String name) throws Exception {
        return WorkerProcess.startInNamespace(stack, NAMESPACE, work, name);
    }
}
