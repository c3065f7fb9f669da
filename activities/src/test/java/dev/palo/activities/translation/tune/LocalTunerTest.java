package dev.palo.activities.translation.tune;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.palo.activities.llm.ApiKeys;
import dev.palo.activities.storage.Sha256;
import dev.palo.activities.storage.StoredDirectory;
import dev.palo.activities.support.InMemoryObjectStore;
import dev.palo.activities.support.LlavaSamples;
import dev.palo.activities.support.RecordingTracker;
import dev.palo.activities.translation.base.TranslatorBundles;
import dev.palo.data.llava.LlavaRecord;
import dev.palo.model.translator.LocalTranslator;
import dev.palo.workflows.ArtifactRef;
import dev.palo.workflows.TargetLanguage;
import dev.palo.workflows.translation.translate.TranslatorRef;
import dev.palo.workflows.translation.tune.LocalTune;
import dev.palo.workflows.translation.tune.TuneActivities;
import dev.palo.workflows.translation.tune.TuneConfig;
import dev.palo.workflows.translation.tune.TuneRequest;
import dev.palo.workflows.translation.tune.TuneResult;
import io.temporal.failure.ActivityFailure;
import io.temporal.testing.TestActivityEnvironment;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The local backend: LoRA tune of a tiny translator, checkpointed, resumed bit for bit after a failed attempt. */
class LocalTunerTest {
    /** 9 steps per epoch with batch 2: 18 steps, a checkpoint every 5. */
    private static final LocalTune TUNE = LocalTune.builder().rank(4).alpha(8).learningRate(5e-3).epochs(2).batchSize(2)
            .seed(7).checkpointEvery(5).build();
    /** The step whose loss cannot be logged, failing the first attempt after its checkpoint at step 5. */
    private static final int FAILING_STEP = 8;

    @TempDir
    Path work;

    @Test
    void aFailedAttemptResumesFromItsNewestCheckpointAndTunesTheSameWeightsAsAnUndisturbedTune() throws Exception {
        InMemoryObjectStore store = new InMemoryObjectStore();
        RecordingTracker tracker = new RecordingTracker();
        AtomicBoolean failedOnce = new AtomicBoolean();
        tracker.failMetricsWhen(metric -> metric.key().equals("loss") && metric.step() == FAILING_STEP
                && failedOnce.compareAndSet(false, true));
        TranslatorBundles bundles = new TranslatorBundles(store, work.resolve("bundles"));
        ArtifactRef base;
        try (LocalTranslator translator = FrenchPhrases.trainBase()) {
            base = bundles.upload("translators/base", translator, "test");
        }
        List<LlavaRecord> reviewed = FrenchPhrases.correctedPairs("reviewed");
        ArtifactRef pairs = store.put("runs/r/review/fr/pairs.json", LlavaSamples.json(reviewed), "application/json",
                reviewed.size());
        String run = tracker.findOrCreateRun("palo", "tune fr", Map.of("palo.stage", "tune"), null);
        TuneRequest request = new TuneRequest("run-local", new TargetLanguage(FrenchPhrases.LANGUAGE, "French"), pairs,
                TranslatorRef.local("tiny-base", base), TuneConfig.local(TUNE), run);
        TestActivityEnvironment env = TestActivityEnvironment.newInstance();
        env.registerActivitiesImplementations(new TuneActivitiesImpl(store, tracker, new ApiKeys(Map.of()),
                Duration.ofMillis(1), Duration.ofMillis(5), work.resolve("worker")));
        try {
            TuneActivities activities = env.newActivityStub(TuneActivities.class);
            assertThrows(ActivityFailure.class, () -> activities.tune(request));
            TuneResult result = activities.tune(request);

            assertEquals(5.0, result.stage().metrics().get("resumedFromStep"));
            assertEquals(18.0, result.stage().metrics().get("steps"));
            assertEquals(TranslatorRef.LOCAL, result.translator().backend());
            assertEquals("tiny-base-tuned-fr", result.translator().model());
            Path undisturbed = work.resolve("undisturbed");
            try (LocalTranslator loaded = bundles.load(base);
                 LocalTranslator tuned = FrenchPhrases.tune(loaded, TUNE, TrainingPairs.read(store, pairs, "fr"))) {
                tuned.save(undisturbed);
            }
            String weights = new StoredDirectory(store, work.resolve("read")).read(result.translator().weights())
                    .files().stream().filter(entry -> entry.path().equals("model.safetensors")).findFirst()
                    .orElseThrow().ref().sha256();
            assertEquals(Sha256.of(undisturbed.resolve("model.safetensors")), weights);
            assertTrue(tracker.metrics.stream().anyMatch(m -> m.runId().equals(run) && m.key().equals("loss")
                    && m.step() == 18), "loss is logged per step up to the last");
        } finally {
            env.close();
        }
    }
}
