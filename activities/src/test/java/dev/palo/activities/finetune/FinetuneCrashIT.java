package dev.palo.activities.finetune;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.palo.activities.support.WorkerProcess;
import dev.palo.activities.training.TrainingCrashHarness;
import dev.palo.model.checkpoint.ModelCheckpoint;
import dev.palo.workflows.StageResult;
import dev.palo.workflows.finetune.FinetuneRequest;
import dev.palo.workflows.training.LoraSettings;
import dev.palo.workflows.training.TrainingSettings;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The LoRA fine-tune stage's worker JVM killed with SIGKILL after its first checkpoint, on the
 * servers of {@code ./palo up}: a new worker resumes from that checkpoint (LoRA dropout included) and
 * the merged weights and adapters are byte-identical to an undisturbed run's.
 */
class FinetuneCrashIT {
    private static final String NAMESPACE = "palo-finetune-crash-it";
    /** 30 steps with a checkpoint every 5: the kill follows the first checkpoint, well before the end. */
    private static final int INSTRUCTIONS = 120;
    private static final TrainingSettings SETTINGS = TrainingSettings.builder().batches(4, 2)
            .modelMaxLength(256).checkpointEvery(5).seed(3).build(); // two threads
    private static final LoraSettings LORA = LoraSettings.ofRank(4);

    @TempDir
    Path work;

    @Test
    void aWorkerKilledAfterTheFirstCheckpointIsReplacedAndTheWeightsEqualAnUndisturbedRuns() throws Exception {
        try (TrainingCrashHarness harness = new TrainingCrashHarness(NAMESPACE, work)) {
            TrainingCrashHarness.FinetunePair pair = harness.finetunePair("finetune-crash", INSTRUCTIONS, SETTINGS, LORA);
            FinetuneRequest undisturbedRequest = pair.undisturbed();
            FinetuneRequest request = pair.interrupted();

            long start = System.nanoTime();
            try (WorkerProcess first = harness.startWorker()) {
                long started = System.nanoTime();
                StageResult undisturbed = TrainingCrashHarness.await(
                        harness.start(undisturbedRequest.runId(), null, undisturbedRequest));
                long undisturbedDone = System.nanoTime();
                long killedPid = first.pid();
                StageResult result = harness.runInterrupted(harness.start(request.runId(), null, request), first,
                        "runs/" + request.runId() + "/finetune/palo/");

                TrainingCrashHarness.assertResumedFromACheckpoint(result);
                for (String file : new String[] {ModelCheckpoint.MODEL, ModelCheckpoint.ADAPTER}) {
                    assertEquals(harness.fileSha256(undisturbed.output(), file), harness.fileSha256(result.output(), file),
                            file + " after the crash differs from the undisturbed run's");
                }
                System.out.printf("FinetuneCrashIT: killed worker pid %d; resumed from step %.0f of %.0f; "
                                + "merged model.safetensors sha256 %s in both runs%n", killedPid,
                        result.metrics().get("train.resumed_from_step"), result.metrics().get("train.steps"),
                        harness.fileSha256(result.output(), ModelCheckpoint.MODEL));
                TrainingCrashHarness.printTimings(getClass().getSimpleName(), start, started, undisturbedDone);
            }
        }
    }
}
