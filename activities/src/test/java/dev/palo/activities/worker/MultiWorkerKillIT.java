package dev.palo.activities.worker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.palo.activities.review.ReviewClient;
import dev.palo.activities.source.MiniSource;
import dev.palo.activities.source.MiniSourceRefs;
import dev.palo.activities.storage.MinioObjectStore;
import dev.palo.activities.support.EmbeddedStack;
import dev.palo.activities.support.PoolKiller;
import dev.palo.activities.support.RunDigests;
import dev.palo.activities.support.ScratchBucket;
import dev.palo.activities.support.TinyRecipe;
import dev.palo.activities.support.WorkerProcess;
import dev.palo.data.mini.MiniSize;
import dev.palo.workflows.StageResult;
import dev.palo.workflows.TaskQueues;
import dev.palo.workflows.evaluate.EvaluateWorkflow;
import dev.palo.workflows.language.LanguagePipelineWorkflow;
import dev.palo.workflows.pipeline.PipelineResult;
import dev.palo.workflows.pipeline.PipelineSpec;
import io.temporal.api.history.v1.ActivityTaskStartedEventAttributes;
import io.temporal.api.history.v1.HistoryEvent;
import io.temporal.client.WorkflowClient;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The cluster's worker pools on one machine, as {@code ./palo up --cpu-workers 2 --gpu-workers 2} starts them: two
 * CPU workers polling {@code palo-cpu} and two GPU workers polling {@code palo-gpu} with one slot each, every one a
 * JVM of its own with its own work folder. The whole tiny two-language recipe (local translator, review, tune,
 * re-translation, dataset-build, base model, pretraining, both arms' fine-tunes, evaluation) runs once undisturbed,
 * then again while one worker of each pool is killed with SIGKILL as it runs a stage (a GPU worker well into a
 * training or generation stage, a CPU worker in a stage after translation: post-edit, review, QA, dataset-build or
 * evaluation's scoring). The second run completes on the surviving
 * workers, every stage computed afresh (none from the stage cache), with byte-identical outputs: every language
 * stage, the datasets' shards, every model bundle's files, the answers, scores and Table 1.
 *
 * <p>Both runs write to a bucket of their own, so that nothing from other runs is reused; between them the stage
 * cache and the translation cache are emptied, and each run registers its base model under a name of its own (a
 * registered version with the same cache key would be reused), so the second run computes every stage again.
 */
class MultiWorkerKillIT {
    private static final String NAMESPACE = "palo-multi-worker-it";
    private static final List<String> LANGUAGES = List.of("fr", "ar");
    private static final Duration RUN_TIMEOUT = Duration.ofMinutes(10);
    /** A GPU stage is killed once it has run this long: well inside its work, past its first heartbeats. */
    private static final long GPU_STAGE_RUNNING_MILLIS = 3_000;
    /**
     * Activity types (the methods' names, capitalised) of the stages on each queue; tracking and events left out, and
     * for the CPU pool the source's validation, so that its kill falls after the languages have translated.
     */
    private static final Set<String> GPU_STAGES = Set.of("Prepare", "PrepareBase", "PretrainProjector",
            "FinetuneLora", "Tune", "Translate", "GenerateAnswers");
    private static final Set<String> CPU_STAGES = Set.of("PostEdit", "Sample", "BuildCorrectedPairs", "Chrf", "Build",
            "ScoreAnswers", "WriteReport");
    /** The store's caches across runs, emptied between the undisturbed run and the killed one. */
    private static final List<String> CACHE_PREFIXES = List.of("cache/", "translate-cache/");

    @TempDir
    Path work;

    @Test
    void killingOneWorkerOfEachPoolMidRunEndsCompletedWithTheUndisturbedRunsArtifacts() throws Exception {
        long testStart = System.nanoTime();
        String nonce = UUID.randomUUID().toString().substring(0, 8);
        try (EmbeddedStack stack = EmbeddedStack.requireUp();
             ScratchBucket bucket = ScratchBucket.create(stack, "palo-mw-" + nonce)) {
            WorkflowClient client = stack.registeredNamespaceClient(NAMESPACE);
            MinioObjectStore store = bucket.store();
            Path tree = MiniSource.generate(work.resolve("data"), MiniSize.TINY, 5, LANGUAGES);
            MiniSourceRefs refs = MiniSource.upload(store, tree, work.resolve("directories"));
            ReviewClient reviews = new ReviewClient(client, store);
            RunDigests digests = new RunDigests(store);

            List<WorkerProcess> cpu = new ArrayList<>();
            List<WorkerProcess> gpu = new ArrayList<>();
            try {
                startPools(stack, bucket, cpu, gpu);
                long workersUp = System.nanoTime();

                String referenceId = "mw-reference-" + nonce;
                PipelineResult reference = run(client, reviews, tree, referenceId,
                        TinyRecipe.spec(refs, LANGUAGES, referenceId + "-base"), null);
                long referenceDone = System.nanoTime();
                assertNoCacheHit(reference, "the undisturbed run");
                for (String prefix : CACHE_PREFIXES) {
                    bucket.deletePrefix(prefix);
                }

                String runId = "mw-killed-" + nonce;
                PoolKiller killer = new PoolKiller(client, List.of(
                        new PoolKiller.Pool(TaskQueues.GPU, gpu, seen -> GPU_STAGES.contains(seen.activityType())
                                && seen.attempt() == 1 && seen.runningMillis() >= GPU_STAGE_RUNNING_MILLIS),
                        new PoolKiller.Pool(TaskQueues.CPU, cpu, seen -> CPU_STAGES.contains(seen.activityType())
                                && seen.attempt() == 1)));
                long[] lastKill = new long[1];
                PipelineResult result = run(client, reviews, tree, runId,
                        TinyRecipe.spec(refs, LANGUAGES, runId + "-base"), () -> {
                            int before = killer.kills().size();
                            boolean all = killer.poll(workflowIds(runId));
                            if (killer.kills().size() > before) {
                                lastKill[0] = System.nanoTime();
                            }
                            return all;
                        });
                long killedRunDone = System.nanoTime();

                List<PoolKiller.Kill> kills = killer.kills();
                assertEquals(2, kills.size(), "one worker of each pool must be killed while running a stage; killed: "
                        + kills + logs(cpu, gpu));
                for (PoolKiller.Kill kill : kills) {
                    ActivityTaskStartedEventAttributes finished = finishingAttempt(client, kill.activity());
                    assertTrue(finished.getAttempt() > kill.activity().attempt(), kill + " was not retried");
                    assertFalse(finished.getIdentity().startsWith(kill.pid() + "@"), kill + " finished on the dead worker");
                }
                assertNoCacheHit(result, "the run with killed workers");
                Map<String, String> expected = digests.of(reference);
                Map<String, String> actual = digests.of(result);
                assertEquals(expected.keySet(), actual.keySet(), "the runs produced different outputs");
                List<String> differing = expected.keySet().stream()
                        .filter(name -> !expected.get(name).equals(actual.get(name))).toList();
                assertEquals(List.of(), differing, "outputs that differ from the undisturbed run's" + logs(cpu, gpu));
                assertNotEquals(0, expected.size());

                System.out.printf("MultiWorkerKillIT: 2 CPU + 2 GPU worker processes up in %d s; undisturbed run %d s;"
                                + " run with kills %d s, completed %d s after the last kill; %d outputs identical;"
                                + " test %d s; kills: %s%n",
                        seconds(testStart, workersUp), seconds(workersUp, referenceDone),
                        seconds(referenceDone, killedRunDone), seconds(lastKill[0], killedRunDone), expected.size(),
                        seconds(testStart, System.nanoTime()), kills);
            } finally {
                for (WorkerProcess worker : Stream.concat(cpu.stream(), gpu.stream()).toList()) {
                    worker.close();
                }
            }
        }
    }

    /** What a run does while it waits: returns true when there is nothing left to do. */
    @FunctionalInterface
    private interface Watch {
        boolean poll() throws Exception;
    }

    /** Runs {@code spec} to its end, calling {@code watch} (if any) every 50 ms until it says it is done. */
    private static PipelineResult run(WorkflowClient client, ReviewClient reviews, Path tree, String runId,
                                      PipelineSpec spec, Watch watch) throws Exception {
        try (TinyRecipe.Run run = TinyRecipe.Run.start(client, reviews, tree, runId, spec, RUN_TIMEOUT)) {
            CompletableFuture<PipelineResult> result = CompletableFuture.supplyAsync(() -> {
                try {
                    return run.await();
                } catch (Exception e) {
                    throw new IllegalStateException("run " + runId + " did not complete: " + e, e);
                }
            });
            boolean watching = watch != null;
            while (watching && !result.isDone()) {
                watching = !watch.poll();
                Thread.sleep(50);
            }
            return result.get();
        }
    }

    /** The run's workflows that run stages: the pipeline, each language's and the evaluation's. */
    private static List<String> workflowIds(String runId) {
        List<String> ids = new ArrayList<>(List.of(runId, EvaluateWorkflow.workflowId(runId)));
        LANGUAGES.forEach(code -> ids.add(LanguagePipelineWorkflow.workflowId(runId, code)));
        return ids;
    }

    /**
     * Two workers per pool, each as {@code ./palo up --cpu-workers/--gpu-workers} starts it (services/palo-run.sh,
     * pool_workers_up): the pool's queue only, one GPU slot, its own work folder; all four start at once.
     */
    private void startPools(EmbeddedStack stack, ScratchBucket bucket, List<WorkerProcess> cpu,
                            List<WorkerProcess> gpu) throws Exception {
        ExecutorService starting = Executors.newFixedThreadPool(4);
        try {
            List<Future<WorkerProcess>> cpuStarts = new ArrayList<>();
            List<Future<WorkerProcess>> gpuStarts = new ArrayList<>();
            for (int i = 1; i <= 2; i++) {
                cpuStarts.add(starting.submit(startWorker(stack, bucket, "cpu", i)));
                gpuStarts.add(starting.submit(startWorker(stack, bucket, "gpu", i)));
            }
            for (Future<WorkerProcess> start : cpuStarts) {
                cpu.add(start.get());
            }
            for (Future<WorkerProcess> start : gpuStarts) {
                gpu.add(start.get());
            }
        } finally {
            starting.shutdown();
        }
    }

    private Callable<WorkerProcess> startWorker(EmbeddedStack stack, ScratchBucket bucket,
                                                                     String pool, int i) {
        Map<String, String> env = new HashMap<>(bucket.workerEnv());
        env.put("PALO_WORKER_QUEUES", "palo-" + pool);
        env.put("PALO_GPU_SLOTS", "1");
        return () -> WorkerProcess.startInNamespace(stack, NAMESPACE, work, pool + "-worker-" + i, env);
    }

    /** The started event of the attempt that completed the killed activity, from its workflow's history. */
    private static ActivityTaskStartedEventAttributes finishingAttempt(WorkflowClient client, PoolKiller.Seen killed) {
        long scheduledId = -1;
        ActivityTaskStartedEventAttributes started = null;
        for (HistoryEvent event : client.fetchHistory(killed.workflowId()).getEvents()) {
            if (event.hasActivityTaskScheduledEventAttributes()
                    && event.getActivityTaskScheduledEventAttributes().getActivityId().equals(killed.activityId())) {
                scheduledId = event.getEventId();
            } else if (event.hasActivityTaskStartedEventAttributes()
                    && event.getActivityTaskStartedEventAttributes().getScheduledEventId() == scheduledId) {
                started = event.getActivityTaskStartedEventAttributes();
            } else if (event.hasActivityTaskCompletedEventAttributes()
                    && event.getActivityTaskCompletedEventAttributes().getScheduledEventId() == scheduledId) {
                return started;
            }
        }
        return fail("the killed activity " + killed + " never completed");
    }

    private static void assertNoCacheHit(PipelineResult result, String which) {
        List<String> hits = RunDigests.stages(result).stream().filter(StageResult::cacheHit)
                .map(stage -> stage.language() + "/" + stage.stage()).toList();
        assertEquals(List.of(), hits, which + " reused stages from the cache");
    }

    private static String logs(List<WorkerProcess> cpu, List<WorkerProcess> gpu) {
        StringBuilder out = new StringBuilder();
        for (WorkerProcess worker : Stream.concat(cpu.stream(), gpu.stream()).toList()) {
            try {
                String log = worker.output();
                out.append("\n--- worker ").append(worker.pid()).append(" (last 3000 characters) ---\n")
                        .append(log, Math.max(0, log.length() - 3000), log.length());
            } catch (IOException e) {
                out.append("\n--- worker ").append(worker.pid()).append(": no log (").append(e).append(")");
            }
        }
        return out.toString();
    }

    private static long seconds(long from, long to) {
        return Duration.ofNanos(to - from).toSeconds();
    }
}
