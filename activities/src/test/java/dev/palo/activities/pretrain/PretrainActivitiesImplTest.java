package dev.palo.activities.pretrain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.palo.activities.storage.StoredDirectory;
import dev.palo.activities.support.InMemoryObjectStore;
import dev.palo.activities.support.RecordingTracker;
import dev.palo.activities.training.ModelBundle;
import dev.palo.activities.training.StageHarness;
import dev.palo.activities.training.TrainingFixtures;
import dev.palo.model.checkpoint.ModelCheckpoint;
import dev.palo.workflows.ArtifactRef;
import dev.palo.workflows.StageResult;
import dev.palo.workflows.pretrain.PretrainActivities;
import dev.palo.workflows.pretrain.PretrainRequest;
import dev.palo.workflows.training.TrainingSettings;
import io.temporal.failure.ActivityFailure;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PretrainActivitiesImplTest {
    private static final int CAPTIONS = 24;
    /** 24 captions in batches of 4: 6 steps, checkpoints after steps 2 and 4. */
    private static final TrainingSettings SETTINGS = TrainingSettings.builder().batches(4, 2)
            .modelMaxLength(32).checkpointEvery(2).seed(11).build();

    @TempDir
    Path work;

    private PretrainRequest request(InMemoryObjectStore store, String runId, String trackingRunId) throws Exception {
        TrainingFixtures.uploadImages(store, TrainingFixtures.IMAGE_PREFIX);
        ArtifactRef captions = TrainingFixtures.uploadRecords(store, "inputs/captions.json",
                TrainingFixtures.captions(CAPTIONS));
        ArtifactRef base = TrainingFixtures.uploadBaseBundle(store, "inputs/base/", work.resolve("fixture-" + runId));
        return new PretrainRequest(runId, base, captions, TrainingFixtures.IMAGE_PREFIX, SETTINGS, trackingRunId);
    }

    @Test
    void aRetryResumesFromTheHeartbeatedCheckpointAndEndsWithTheUndisturbedRunsWeights() throws Exception {
        InMemoryObjectStore undisturbedStore = new InMemoryObjectStore();
        RecordingTracker undisturbedTracker = new RecordingTracker();
        StageResult undisturbed;
        try (StageHarness harness = new StageHarness(
                new PretrainActivitiesImpl(undisturbedStore, undisturbedTracker, work.resolve("undisturbed")))) {
            undisturbed = harness.stub(PretrainActivities.class).pretrainProjector(request(undisturbedStore, "run-a",
                    StageHarness.trackingRun(undisturbedTracker, "pretrain en")));
        }

        InMemoryObjectStore store = new InMemoryObjectStore();
        RecordingTracker tracker = new RecordingTracker();
        AtomicBoolean failed = new AtomicBoolean();
        tracker.failMetricsWhen(m -> m.key().equals("loss") && m.step() == 5 && failed.compareAndSet(false, true));
        String trackingRun = StageHarness.trackingRun(tracker, "pretrain en");
        StageResult resumed;
        try (StageHarness harness = new StageHarness(new PretrainActivitiesImpl(store, tracker, work.resolve("crashed")))) {
            PretrainRequest request = request(store, "run-b", trackingRun);
            PretrainActivities stage = harness.stub(PretrainActivities.class);
            assertThrows(ActivityFailure.class, () -> stage.pretrainProjector(request));
            assertFalse(harness.heartbeats.isEmpty(), "the failed attempt heartbeated");
            assertTrue(StageHarness.checkpointStored(store, "runs/run-b/pretrain/en/", 4));
            // no heartbeat details handed over: the retry finds the step-4 checkpoint in the store
            // (its heartbeat may still be throttled when a worker dies)
            resumed = stage.pretrainProjector(request);
        }

        assertEquals(4.0, resumed.metrics().get("train.resumed_from_step"));
        assertFalse(StageHarness.checkpointStored(store, "runs/run-b/pretrain/en/", 6),
                "no checkpoint after the last step: the bundle is written instead");
        assertEquals(0.0, undisturbed.metrics().get("train.resumed_from_step"));
        assertEquals(6.0, resumed.metrics().get("train.steps"));
        assertEquals(2.0, undisturbed.metrics().get("train.checkpoints"));
        assertEquals(StageHarness.fileSha256(undisturbedStore, undisturbed.output(), ModelCheckpoint.MODEL, work.resolve("a")),
                StageHarness.fileSha256(store, resumed.output(), ModelCheckpoint.MODEL, work.resolve("b")),
                "weights after resuming differ from the undisturbed run's");
        assertEquals(List.of(5L, 6L), loggedSteps(tracker, "loss"),
                "the failed attempt's point at step 5 is logged by the resumed one, then the last step's");
    }

    @Test
    void theBundleHoldsTheProjectorTheTokenizerAndItsProvenance() throws Exception {
        InMemoryObjectStore store = new InMemoryObjectStore();
        RecordingTracker tracker = new RecordingTracker();
        String trackingRun = StageHarness.trackingRun(tracker, "pretrain en");
        try (StageHarness harness = new StageHarness(new PretrainActivitiesImpl(store, tracker, work.resolve("w")))) {
            StageResult result = harness.stub(PretrainActivities.class).pretrainProjector(
                    request(store, "run-c", trackingRun));
            Path bundle = new StoredDirectory(store, work.resolve("cache")).download(result.output());
            for (String file : new String[] {ModelCheckpoint.CONFIG, ModelCheckpoint.MODEL, ModelCheckpoint.PROJECTOR,
                    ModelBundle.TOKENIZER, ModelBundle.INFO}) {
                assertTrue(Files.isRegularFile(bundle.resolve(file)), file + " missing from the bundle");
                assertTrue(tracker.artifacts.containsKey(trackingRun + "/bundle/" + file), file + " not logged");
            }
            assertEquals("plain", ModelBundle.readInfo(bundle).conversationTemplate());
            assertEquals("pretrain", ModelBundle.readInfo(bundle).training().stage());
            assertEquals((double) CAPTIONS, result.metrics().get("records.kept"));
            for (String metric : new String[] {"loss", "learning_rate", "grad_norm", "tokens_per_second"}) {
                assertEquals(List.of(5L, 6L), loggedSteps(tracker, metric), "every 5 steps and the last: " + metric);
            }
        }
    }

    private static List<Long> loggedSteps(RecordingTracker tracker, String metric) {
        return tracker.metrics.stream().filter(m -> m.key().equals(metric)).map(RecordingTracker.Metric::step).toList();
    }

    @Test
    void aLaterRunWithTheSameInputsReusesTheOutputAsACacheHit() throws Exception {
        InMemoryObjectStore store = new InMemoryObjectStore();
        RecordingTracker tracker = new RecordingTracker();
        try (StageHarness harness = new StageHarness(new PretrainActivitiesImpl(store, tracker, work.resolve("w")))) {
            PretrainActivities stage = harness.stub(PretrainActivities.class);
            StageResult first = stage.pretrainProjector(request(store, "run-1",
                    StageHarness.trackingRun(tracker, "first")));
            int metricsAfterFirst = tracker.metrics.size();
            StageResult second = stage.pretrainProjector(request(store, "run-2",
                    StageHarness.trackingRun(tracker, "second")));

            assertFalse(first.cacheHit());
            assertTrue(second.cacheHit());
            assertEquals(first.output(), second.output());
            assertEquals(metricsAfterFirst, tracker.metrics.size(), "a cache hit trains no step");
            assertTrue(second.manifest().uri().contains("/runs/run-2/pretrain/en/"),
                    "the later run records the hit in its own manifest: " + second.manifest().uri());
        }
    }
}
