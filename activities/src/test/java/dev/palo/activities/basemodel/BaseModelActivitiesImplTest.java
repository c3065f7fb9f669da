package dev.palo.activities.basemodel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.palo.activities.storage.ObjectStore;
import dev.palo.activities.storage.Sha256;
import dev.palo.activities.storage.StoredDirectory;
import dev.palo.activities.support.InMemoryObjectStore;
import dev.palo.activities.support.RecordingTracker;
import dev.palo.activities.worker.HeartbeatKeeper;
import dev.palo.data.mini.MiniConfig;
import dev.palo.data.mini.MiniGenerator;
import dev.palo.data.mini.MiniSize;
import dev.palo.model.checkpoint.ModelCheckpoint;
import dev.palo.workflows.ArtifactRef;
import dev.palo.workflows.StageResult;
import dev.palo.workflows.basemodel.BaseModelActivities;
import dev.palo.workflows.basemodel.BaseModelRequest;
import dev.palo.workflows.basemodel.BaseModelSettings;
import dev.palo.workflows.basemodel.BaseTrainingInputs;
import dev.palo.workflows.dataset.LanguageSet;
import io.temporal.activity.ActivityOptions;
import io.temporal.common.RetryOptions;
import io.temporal.failure.ActivityFailure;
import io.temporal.testing.TestActivityEnvironment;
import io.temporal.testing.TestEnvironmentOptions;
import io.temporal.worker.WorkerFactoryOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BaseModelActivitiesImplTest {
    /** PALO-mini tiny, a few steps of the mini preset: 7 LM steps with a checkpoint every 2. */
    private static final BaseModelSettings SETTINGS = BaseModelSettings.mini().toBuilder().vocabSize(800).maxLength(64)
            .checkpointEvery(2).lmEpochs(0.1).lmBatchSize(8).visionEpochs(0.1).visionBatchSize(16).seed(3).build();

    @TempDir
    static Path mini;

    @TempDir
    Path work;

    @BeforeAll
    static void generate() throws Exception {
        new MiniGenerator(MiniConfig.of(MiniSize.TINY, 9), (stage, done, total) -> { }).generate(mini.resolve("data"));
    }

    @Test
    void aRetryResumesFromTheHeartbeatedCheckpointAndEndsWithTheUndisturbedRunsWeights() throws Exception {
        InMemoryObjectStore undisturbedStore = new InMemoryObjectStore();
        StageResult undisturbed = run(undisturbedStore, new RecordingTracker(), null, new CopyOnWriteArrayList<>(),
                "undisturbed");

        InMemoryObjectStore store = new InMemoryObjectStore();
        RecordingTracker tracker = new RecordingTracker();
        AtomicBoolean failed = new AtomicBoolean();
        // like a worker dying in step 6, after the checkpoints of steps 2 and 4 were stored and heartbeated
        // Heartbeats leave throttled (at most every 0.8 x the 2 s timeout): the dying worker lingers past that
        // interval, so the heartbeat naming the last checkpoint has gone out, as on a worker that dies mid-step.
        tracker.failMetricsWhen(m -> m.key().equals("loss") && m.step() == 6 && failed.compareAndSet(false, true)
                && lingered(Duration.ofSeconds(3)));
        List<BaseModelProgress> heartbeats = new CopyOnWriteArrayList<>();
        assertThrows(ActivityFailure.class, () -> run(store, tracker, null, heartbeats, "interrupted"));
        BaseModelProgress last = heartbeats.get(heartbeats.size() - 1);
        assertNotNull(last.vision(), "the trained tower was stored before the LM started");
        assertNotNull(last.lm(), "an LM checkpoint was heartbeated before the failure");
        StageResult resumed = run(store, tracker, last, new CopyOnWriteArrayList<>(), "interrupted");

        assertEquals(modelSha(undisturbedStore, undisturbed.output()), modelSha(store, resumed.output()),
                "weights after the retry differ from the undisturbed run's");
        assertTrue(tracker.metrics.stream().noneMatch(m -> m.key().equals("vision_loss") && m.step() > 0
                && tracker.metrics.stream().filter(n -> n.key().equals("vision_loss") && n.step() == m.step()).count() > 1),
                "the retry trained the vision tower again");
    }

    private static boolean lingered(Duration pause) {
        try {
            Thread.sleep(pause.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return true;
    }

    private StageResult run(InMemoryObjectStore store, RecordingTracker tracker, BaseModelProgress from,
            List<BaseModelProgress> heartbeats, String runId) throws Exception {
        // the worker's HeartbeatKeeper, as in production: tokenizer training and packing send no heartbeat of
        // their own and outlast the short timeout below on a loaded machine
        TestActivityEnvironment environment = TestActivityEnvironment.newInstance(TestEnvironmentOptions.newBuilder()
                .setWorkerFactoryOptions(WorkerFactoryOptions.newBuilder()
                        .setWorkerInterceptors(new HeartbeatKeeper()).build()).build());
        try {
            environment.registerActivitiesImplementations(new BaseModelActivitiesImpl(store, tracker,
                    new InMemoryModelRegistry(), work.resolve("worker-" + runId)));
            environment.setActivityHeartbeatListener(BaseModelProgress.class, heartbeats::add);
            if (from != null) {
                environment.setHeartbeatDetails(from);
            }
            BaseModelActivities activities = environment.newActivityStub(BaseModelActivities.class,
                    // a short heartbeat timeout makes the environment pass heartbeats on within about a second
                    ActivityOptions.newBuilder().setStartToCloseTimeout(Duration.ofMinutes(20))
                            .setHeartbeatTimeout(Duration.ofSeconds(2))
                            .setRetryOptions(RetryOptions.newBuilder().setMaximumAttempts(1).build()).build());
            return activities.prepare(new BaseModelRequest(runId, "palo-mini-base", inputs(store), null,
                    tracker.findOrCreateRun("palo", runId, Map.of("name", runId), null)));
        } finally {
            environment.close();
        }
    }

    private static BaseTrainingInputs inputs(ObjectStore store) throws Exception {
        Path data = mini.resolve("data");
        try (Stream<Path> images = Files.list(data.resolve("images"))) {
            for (Path image : images.toList()) {
                store.put("inputs/images/" + image.getFileName(), image, "image/png", 0);
            }
        }
        ArtifactRef corpus = store.put("inputs/base-lm.txt", data.resolve("corpus/base-lm.txt"), "text/plain", 0);
        ArtifactRef captions = store.put("inputs/captions.json", data.resolve("pretrain/captions.json"),
                "application/json", 0);
        ArtifactRef hindi = store.put("inputs/hi.json", data.resolve("gold/hi.json"), "application/json", 0);
        return new BaseTrainingInputs(corpus, List.of(captions), "inputs/images/",
                List.of(new LanguageSet("hi", hindi, List.of())), SETTINGS);
    }

    private String modelSha(ObjectStore store, ArtifactRef bundle) throws Exception {
        return Sha256.of(new StoredDirectory(store, work.resolve("read")).download(bundle).resolve(ModelCheckpoint.MODEL));
    }
}
