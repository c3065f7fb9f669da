package dev.palo.activities.finetune;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.palo.activities.support.WorkerProcess;
import dev.palo.activities.training.TrainingCrashHarness;
import dev.palo.activities.training.TrainingProgress;
import dev.palo.model.checkpoint.ModelCheckpoint;
import dev.palo.workflows.StageResult;
import dev.palo.workflows.finetune.FinetuneRequest;
import dev.palo.workflows.training.LoraSettings;
import dev.palo.workflows.training.TrainingSettings;
import io.temporal.client.WorkflowStub;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A worker stopped the way Kubernetes stops a pod (SIGTERM) in the middle of a LoRA fine-tune, after its first
 * periodic checkpoint, on the servers of {@code ./palo up}: the worker checkpoints the step it reached, hands the
 * stage back and exits within its drain timeout; a second worker resumes from that very step (nothing redone)
 * and the weights equal an undisturbed run's.
 */
class FinetuneShutdownIT {
    private static final String NAMESPACE = "palo-finetune-shutdown-it";
    /** 100 steps, a checkpoint every 5: the stop follows the first checkpoint, long before the end. */
    private static final int INSTRUCTIONS = 400;
    private static final int CHECKPOINT_EVERY = 5;
    private static final TrainingSettings SETTINGS = TrainingSettings.builder().batches(4, 2)
            .modelMaxLength(256).checkpointEvery(CHECKPOINT_EVERY).seed(3).build();
    private static final LoraSettings LORA = LoraSettings.ofRank(4);
    /** The worker's PALO_WORKER_DRAIN_SECONDS, as a deployment sets it below the pod's grace period. */
    private static final Duration DRAIN = Duration.ofSeconds(20);
    /** The pod's termination grace period this drain belongs to (infra/terraform: drain = grace - 15 s). */
    private static final Duration GRACE = DRAIN.plusSeconds(15);
    private static final Pattern HANDED_BACK = Pattern.compile("checkpointed at step (\\d+), handed back");

    @TempDir
    Path work;

    @Test
    void aStoppedWorkerCheckpointsItsStepAndTheNextWorkerResumesThereWithTheSameWeights() throws Exception {
        try (TrainingCrashHarness harness = new TrainingCrashHarness(NAMESPACE, work)) {
            TrainingCrashHarness.FinetunePair pair = harness.finetunePair("finetune-shutdown", INSTRUCTIONS, SETTINGS,
                    LORA);
            FinetuneRequest undisturbedRequest = pair.undisturbed();
            FinetuneRequest request = pair.interrupted();
            Map<String, String> drain = Map.of("PALO_WORKER_DRAIN_SECONDS", Long.toString(DRAIN.toSeconds()));

            StageResult undisturbed;
            try (WorkerProcess worker = harness.startWorker(drain)) {
                undisturbed = TrainingCrashHarness.await(harness.start(undisturbedRequest.runId(), null,
                        undisturbedRequest));
            }

            WorkflowStub run = harness.start(request.runId(), null, request);
            TrainingProgress atStop;
            Duration exit;
            String firstLog;
            int firstExit;
            try (WorkerProcess first = harness.startWorker(drain)) {
                harness.awaitFirstCheckpoint("runs/" + request.runId() + "/finetune/palo/", first);
                atStop = harness.heartbeated(run);
                exit = first.stop(GRACE);
                firstLog = first.output();
                firstExit = first.exitValue();
            }
            assertEquals(WorkerProcess.SIGTERM_EXIT, firstExit, "the worker must exit through its shutdown"
                    + " hooks; its log:\n" + firstLog);
            assertTrue(exit.compareTo(DRAIN) < 0, "the worker took " + exit + " to exit, past its drain " + DRAIN);
            Matcher handedBack = HANDED_BACK.matcher(firstLog);
            assertTrue(handedBack.find(), "the stopping worker did not checkpoint and hand back; its log:\n" + firstLog);
            int checkpointed = Integer.parseInt(handedBack.group(1));
            assertTrue(checkpointed >= CHECKPOINT_EVERY && checkpointed >= atStop.step(), "checkpointed step " + checkpointed
                    + " is before the step heartbeated when SIGTERM was sent, " + atStop.step());

            StageResult result;
            try (WorkerProcess second = harness.startWorker(drain)) {
                result = TrainingCrashHarness.await(run);
            }
            int resumedFrom = result.metrics().get("train.resumed_from_step").intValue();
            assertEquals(checkpointed, resumedFrom, "the next worker must resume from the stopping worker's checkpoint");
            assertTrue(atStop.step() - resumedFrom <= CHECKPOINT_EVERY, "redid more than one checkpoint interval");
            for (String file : new String[] {ModelCheckpoint.MODEL, ModelCheckpoint.ADAPTER}) {
                assertEquals(harness.fileSha256(undisturbed.output(), file), harness.fileSha256(result.output(), file),
                        file + " after the stop differs from the undisturbed run's");
            }
            System.out.printf("FinetuneShutdownIT: SIGTERM at heartbeated step %d of %.0f; worker exited in %d ms"
                            + " (drain %d s); checkpointed and resumed at step %d%n", atStop.step(),
                    result.metrics().get("train.steps"), exit.toMillis(), DRAIN.toSeconds(), resumedFrom);
        }
    }
}
