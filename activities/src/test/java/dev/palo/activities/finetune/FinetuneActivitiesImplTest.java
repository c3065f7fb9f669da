package dev.palo.activities.finetune;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import dev.palo.activities.storage.StoredDirectory;
import dev.palo.activities.support.InMemoryObjectStore;
import dev.palo.activities.support.RecordingTracker;
import dev.palo.activities.training.ModelBundle;
import dev.palo.activities.training.StageHarness;
import dev.palo.activities.training.TrainingFixtures;
import dev.palo.activities.training.TrainingProgress;
import dev.palo.data.llava.LlavaRecord;
import dev.palo.data.llava.Turn;
import dev.palo.model.checkpoint.ModelCheckpoint;
import dev.palo.model.checkpoint.SafetensorsReader;
import dev.palo.model.multimodal.PaloModel;
import dev.palo.workflows.ArtifactRef;
import dev.palo.workflows.FailureTypes;
import dev.palo.workflows.StageResult;
import dev.palo.workflows.dataset.DatasetArm;
import dev.palo.workflows.finetune.FinetuneActivities;
import dev.palo.workflows.finetune.FinetuneRequest;
import dev.palo.workflows.training.LoraSettings;
import dev.palo.workflows.training.TrainingSettings;
import io.temporal.failure.ActivityFailure;
import io.temporal.failure.ApplicationFailure;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FinetuneActivitiesImplTest {
    private static final int GOOD = 12;
    /** Batches of 4 with a checkpoint every 2 steps; LoRA dropout on, so resuming must replay its masks. */
    private static final TrainingSettings SETTINGS = TrainingSettings.builder().batches(4, 2)
            .modelMaxLength(256).checkpointEvery(2).seed(5).build();
    private static final LoraSettings LORA = LoraSettings.ofRank(4);

    @TempDir
    Path work;

    /** Good instructions plus one record for each way a record is left out, split over two shards. */
    private static List<LlavaRecord> records() {
        List<LlavaRecord> records = new ArrayList<>(TrainingFixtures.instructions(GOOD));
        List<Turn> question = List.of(Turn.human(Turn.IMAGE_TOKEN + "\nWhat colour is it?"), Turn.gpt("Red."));
        records.add(new LlavaRecord("corrupt-1", TrainingFixtures.image(0), question, question, Map.of(), true, "ar",
                Map.of()));
        records.add(new LlavaRecord("corrupt-2", TrainingFixtures.image(1), question, question, Map.of(), true, "hi",
                Map.of()));
        records.add(LlavaRecord.of("two-humans", TrainingFixtures.image(2),
                List.of(Turn.human(Turn.IMAGE_TOKEN + "\nHello?"), Turn.human("Anyone?"))));
        records.add(LlavaRecord.of("placeholder-without-image", null, question));
        records.add(LlavaRecord.of("image-not-stored", "squares/999.png", question));
        records.add(LlavaRecord.of("text-only", null, List.of(Turn.human("Name a colour."), Turn.gpt("Blue."))));
        return records;
    }

    private FinetuneRequest request(InMemoryObjectStore store, String runId, DatasetArm arm, String trackingRunId)
            throws Exception {
        TrainingFixtures.uploadImages(store, TrainingFixtures.IMAGE_PREFIX);
        List<LlavaRecord> records = records();
        ArtifactRef dataset = TrainingFixtures.uploadDataset(store, "data/" + arm.code() + "/", arm, records,
                records.size() / 2 + 1);
        ArtifactRef pretrained = TrainingFixtures.uploadBaseBundle(store, "inputs/pretrained/",
                work.resolve("fixture-" + runId + "-" + arm.code()));
        return new FinetuneRequest(runId, arm, pretrained, dataset, TrainingFixtures.IMAGE_PREFIX, SETTINGS, LORA,
                trackingRunId);
    }

    @Test
    void recordsLeftOutAreCountedByReasonAndTheBundleHoldsAdaptersAndMergedWeights() throws Exception {
        InMemoryObjectStore store = new InMemoryObjectStore();
        RecordingTracker tracker = new RecordingTracker();
        try (StageHarness harness = new StageHarness(new FinetuneActivitiesImpl(store, tracker, work.resolve("w")))) {
            FinetuneRequest request = request(store, "run-1", DatasetArm.PALO,
                    StageHarness.trackingRun(tracker, "finetune palo"));
            StageResult result = harness.stub(FinetuneActivities.class).finetuneLora(request);

            assertEquals(18.0, result.metrics().get("records.read"));
            assertEquals(GOOD + 1.0, result.metrics().get("records.kept"), "the good ones and the text-only one");
            assertEquals(2.0, result.metrics().get("records.corrupt"));
            assertEquals(2.0, result.metrics().get("records.invalid"), "two human turns; a placeholder without image");
            assertEquals(1.0, result.metrics().get("records.missing_image"));
            assertEquals(0.0, result.metrics().get("records.unsupervised"));
            assertEquals(4.0, result.metrics().get("train.steps"), "13 samples in batches of 4");

            StoredDirectory directories = new StoredDirectory(store, work.resolve("cache"));
            Path bundle = directories.download(result.output());
            for (String file : new String[] {ModelCheckpoint.ADAPTER, ModelCheckpoint.ADAPTER_CONFIG,
                    ModelCheckpoint.MODEL, ModelCheckpoint.CONFIG, ModelBundle.TOKENIZER, ModelBundle.INFO}) {
                assertTrue(Files.isRegularFile(bundle.resolve(file)), file + " missing from the bundle");
            }
            assertEquals("vicuna_v1", ModelBundle.readInfo(bundle).conversationTemplate());
            assertNull(ModelCheckpoint.readConfig(bundle).loraConfig(), "merged weights load as a plain model");
            assertMergedEqualsParentPlusAdapters(directories.download(request.pretrainedModel()), bundle);
        }
    }

    /** Every LM tensor of the merged file equals the parent's with the stored adapters folded in. */
    private static void assertMergedEqualsParentPlusAdapters(Path parent, Path bundle) {
        try (NDManager manager = NDManager.newBaseManager();
             PaloModel reference = ModelBundle.loadModel(manager, parent)) {
            ModelCheckpoint.loadAdapters(reference, bundle);
            reference.mergeLora();
            Map<String, NDArray> merged = SafetensorsReader.read(bundle.resolve(ModelCheckpoint.MODEL), manager);
            assertTrue(merged.keySet().stream().noneMatch(ModelCheckpoint::isLoraTensor), "adapter tensors in merged file");
            int compared = 0;
            for (var entry : reference.namedParameters().entrySet()) {
                String name = entry.getKey();
                if (ModelCheckpoint.isLoraTensor(name) || ModelCheckpoint.isProjectorTensor(name)) {
                    continue; // the projector trains fully in this stage: it is not parent + adapters
                }
                assertTrue(merged.get(name).allClose(entry.getValue().getArray(), 1e-6, 1e-6, false), name);
                compared++;
            }
            assertTrue(compared > 0);
        }
    }

    @Test
    void eachArmTrainsUnderItsOwnNameAndAnIndexOfTheOtherArmIsRefused() throws Exception {
        InMemoryObjectStore store = new InMemoryObjectStore();
        RecordingTracker tracker = new RecordingTracker();
        try (StageHarness harness = new StageHarness(new FinetuneActivitiesImpl(store, tracker, work.resolve("w")))) {
            FinetuneActivities stage = harness.stub(FinetuneActivities.class);
            String baselineRun = StageHarness.trackingRun(tracker, "finetune baseline");
            String paloRun = StageHarness.trackingRun(tracker, "finetune palo");
            StageResult baseline = stage.finetuneLora(request(store, "run-arms", DatasetArm.BASELINE, baselineRun));
            StageResult palo = stage.finetuneLora(request(store, "run-arms", DatasetArm.PALO, paloRun));

            assertEquals("baseline", baseline.language());
            assertEquals("palo", palo.language());
            assertTrue(baseline.output().uri().contains("/runs/run-arms/finetune/baseline/"), baseline.output().uri());
            assertTrue(palo.output().uri().contains("/runs/run-arms/finetune/palo/"), palo.output().uri());
            assertTrue(StageHarness.checkpointStored(store, "runs/run-arms/finetune/baseline/", 2));
            assertTrue(StageHarness.checkpointStored(store, "runs/run-arms/finetune/palo/", 2));
            assertNotEquals(baseline.manifest().uri(), palo.manifest().uri());
            assertEquals("baseline", tracker.runTags.get(baselineRun).get("arm"));
            assertEquals("palo", tracker.runTags.get(paloRun).get("arm"));

            FinetuneRequest palosData = request(store, "run-arms", DatasetArm.PALO, baselineRun);
            FinetuneRequest mislabelled = new FinetuneRequest("run-other", DatasetArm.BASELINE,
                    palosData.pretrainedModel(), palosData.dataset(), palosData.imagePrefix(), SETTINGS, LORA,
                    baselineRun);
            ActivityFailure failure = assertThrows(ActivityFailure.class, () -> stage.finetuneLora(mislabelled));
            ApplicationFailure cause = assertInstanceOf(ApplicationFailure.class, failure.getCause());
            assertEquals(FailureTypes.INVALID_INPUT, cause.getType());
            assertTrue(cause.getOriginalMessage().contains("palo arm's, not the baseline arm's"),
                    cause.getOriginalMessage());
        }
    }

    @Test
    void aResumedFineTuneEndsWithTheUndisturbedRunsWeights() throws Exception {
        InMemoryObjectStore undisturbedStore = new InMemoryObjectStore();
        RecordingTracker undisturbedTracker = new RecordingTracker();
        StageResult undisturbed;
        try (StageHarness harness = new StageHarness(
                new FinetuneActivitiesImpl(undisturbedStore, undisturbedTracker, work.resolve("undisturbed")))) {
            undisturbed = harness.stub(FinetuneActivities.class).finetuneLora(request(undisturbedStore, "run-a",
                    DatasetArm.BASELINE, StageHarness.trackingRun(undisturbedTracker, "finetune baseline")));
        }

        InMemoryObjectStore store = new InMemoryObjectStore();
        RecordingTracker tracker = new RecordingTracker();
        AtomicBoolean failed = new AtomicBoolean();
        tracker.failMetricsWhen(m -> m.key().equals("loss") && m.step() == 4 && failed.compareAndSet(false, true));
        StageResult resumed;
        try (StageHarness harness = new StageHarness(new FinetuneActivitiesImpl(store, tracker, work.resolve("crashed")))) {
            FinetuneRequest request = request(store, "run-b", DatasetArm.BASELINE,
                    StageHarness.trackingRun(tracker, "finetune baseline"));
            FinetuneActivities stage = harness.stub(FinetuneActivities.class);
            assertThrows(ActivityFailure.class, () -> stage.finetuneLora(request));
            harness.resumeFrom(new TrainingProgress(2,
                    StageHarness.checkpoint(store, "runs/run-b/finetune/baseline/", 2)));
            resumed = stage.finetuneLora(request);
        }

        assertEquals(2.0, resumed.metrics().get("train.resumed_from_step"));
        for (String file : new String[] {ModelCheckpoint.MODEL, ModelCheckpoint.ADAPTER}) {
            assertEquals(StageHarness.fileSha256(undisturbedStore, undisturbed.output(), file, work.resolve("a")),
                    StageHarness.fileSha256(store, resumed.output(), file, work.resolve("b")),
                    file + " after resuming differs from the undisturbed run's");
        }
        assertFalse(undisturbed.cacheHit());
    }
}
