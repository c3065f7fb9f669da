package dev.palo.activities.pretrain;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.palo.activities.support.WorkerProcess;
import dev.palo.activities.training.TrainingCrashHarness;
import dev.palo.activities.training.TrainingFixtures;
import dev.palo.model.checkpoint.ModelCheckpoint;
import dev.palo.workflows.ArtifactRef;
import dev.palo.workflows.StageResult;
import dev.palo.workflows.pretrain.PretrainRequest;
import dev.palo.workflows.training.TrainingSettings;
import java.nio.file.Path;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The pretrain stage's worker JVM killed with SIGKILL after its first checkpoint, on the servers of
 * {@code ./palo up}: a new worker resumes from that checkpoint and the finished projector weights are
 * byte-identical to an undisturbed run's.
 */
class PretrainCrashIT {
    private static final String NAMESPACE = "palo-pretrain-crash-it";
    /** 40 steps with a checkpoint every 5: the kill follows the first checkpoint, well before the end. */
    private static final int CAPTIONS = 160;
    private static final TrainingSettings SETTINGS = TrainingSettings.builder().batches(4, 4)
            .modelMaxLength(32).checkpointEvery(5).seed(3).build();

    @TempDir
    Path work;

    @Test
    void aWorkerKilledAfterTheFirstCheckpointIsReplacedAndTheWeightsEqualAnUndisturbedRuns() throws Exception {
        try (TrainingCrashHarness harness = new TrainingCrashHarness(NAMESPACE, work)) {
            String nonce = UUID.randomUUID().toString();
            String root = "it/pretrain-crash/" + nonce + "/";
            TrainingFixtures.uploadImagesForTwoRuns(harness.store, root);
            ArtifactRef captions = TrainingFixtures.uploadRecords(harness.store, root + "captions.json",
                    TrainingFixtures.captions(CAPTIONS));
            ArtifactRef base = TrainingFixtures.uploadBaseBundle(harness.store, root + "base/", work.resolve("base"));
            PretrainRequest undisturbedRequest = new PretrainRequest("pretrain-crash-" + nonce + "-undisturbed", base,
                    captions, root + "images-undisturbed/", SETTINGS, harness.trackingRun("pretrain undisturbed " + nonce));
            PretrainRequest request = new PretrainRequest("pretrain-crash-" + nonce, base, captions, root + "images/",
                    SETTINGS, harness.trackingRun("pretrain en " + nonce));

            long start = System.nanoTime();
            try (WorkerProcess first = harness.startWorker()) {
                long started = System.nanoTime();
                StageResult undisturbed = TrainingCrashHarness.await(
                        harness.start(undisturbedRequest.runId(), undisturbedRequest, null));
                long undisturbedDone = System.nanoTime();
                long killedPid = first.pid();
                StageResult result = harness.runInterrupted(harness.start(request.runId(), request, null), first,
                        "runs/" + request.runId() + "/pretrain/en/");

                TrainingCrashHarness.assertResumedFromACheckpoint(result);
                assertEquals(0.0, undisturbed.metrics().get("train.resumed_from_step"));
                assertEquals(harness.fileSha256(undisturbed.output(), ModelCheckpoint.MODEL),
                        harness.fileSha256(result.output(), ModelCheckpoint.MODEL),
                        "weights after the crash differ from the undisturbed run's");
                assertEquals(harness.fileSha256(undisturbed.output(), ModelCheckpoint.PROJECTOR),
                        harness.fileSha256(result.output(), ModelCheckpoint.PROJECTOR));
                System.out.printf("PretrainCrashIT: killed worker pid %d; resumed from step %.0f of %.0f; "
                                + "model.safetensors sha256 %s in both runs%n", killedPid,
                        result.metrics().get("train.resumed_from_step"), result.metrics().get("train.steps"),
                        harness.fileSha256(result.output(), ModelCheckpoint.MODEL));
                TrainingCrashHarness.printTimings(getClass().getSimpleName(), start, started, undisturbedDone);
            }
        }
    }
}
