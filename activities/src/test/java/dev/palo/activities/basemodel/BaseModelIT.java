package dev.palo.activities.basemodel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.palo.activities.storage.MinioObjectStore;
import dev.palo.activities.storage.StoredDirectory;
import dev.palo.activities.support.EmbeddedStack;
import dev.palo.activities.support.MlflowRest;
import dev.palo.activities.tracking.MlflowModelRegistry;
import dev.palo.activities.tracking.MlflowTracker;
import dev.palo.data.mini.MiniConfig;
import dev.palo.data.mini.MiniGenerator;
import dev.palo.data.mini.MiniSize;
import dev.palo.model.PaloConfig;
import dev.palo.model.base.BaseModelTraining;
import dev.palo.model.checkpoint.ModelCheckpoint;
import dev.palo.model.lm.LmConfig;
import dev.palo.model.multimodal.PaloModel;
import dev.palo.model.tokenizer.BpeTrainer;
import dev.palo.model.tokenizer.LlamaTokenizerJson;
import dev.palo.model.vision.VisionConfig;
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
import io.temporal.failure.ApplicationFailure;
import io.temporal.testing.TestActivityEnvironment;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The base-model stage on the servers of {@code ./palo up}: trained on PALO-mini {@code tiny} (a fraction of an
 * epoch, so it is quick) and imported from a tiny bundle, each stored in S3, registered in MLflow's model registry,
 * and found again by a second run as a cache hit.
 */
class BaseModelIT {
    private static final String MODEL = "palo-mini-base-it";
    /** The mini preset, a few steps of each part: the stage's wiring is under test, not the models' quality. */
    private static final BaseModelSettings SETTINGS = BaseModelSettings.mini().toBuilder().vocabSize(800).maxLength(64)
            .checkpointEvery(4).lmEpochs(0.1).visionEpochs(0.2).visionBatchSize(16).seed(7).build();
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path work;

    private final TestActivityEnvironment environment = TestActivityEnvironment.newInstance();

    @AfterEach
    void closeEnvironment() {
        environment.close();
    }

    @Test
    void trainedBaseModelsAreStoredRegisteredAndReusedByTheNextRun() throws Exception {
        try (EmbeddedStack stack = EmbeddedStack.requireUp()) {
            MinioObjectStore store = stack.objectStore();
            MlflowTracker tracker = stack.tracker();
            String nonce = UUID.randomUUID().toString();
            String root = "it/base-model/" + nonce + "/";
            Path mini = work.resolve("mini");
            new MiniGenerator(MiniConfig.of(MiniSize.TINY, 5), (stage, done, total) -> { }).generate(mini);
            try (Stream<Path> images = Files.list(mini.resolve("images"))) {
                for (Path image : images.toList()) {
                    store.put(root + "images/" + image.getFileName(), image, "image/png", 0);
                }
            }
            ArtifactRef corpus = store.put(root + "base-lm.txt", mini.resolve("corpus/base-lm.txt"), "text/plain", 0);
            ArtifactRef captions = upload(store, root, mini, "pretrain/captions.json");
            ArtifactRef english = upload(store, root, mini, "instruct/english.json");
            ArtifactRef arabic = upload(store, root, mini, "gold/ar.json");
            BaseTrainingInputs inputs = new BaseTrainingInputs(corpus, List.of(captions, english), root + "images/",
                    List.of(new LanguageSet("en", english, List.of()), new LanguageSet("ar", arabic, List.of())),
                    SETTINGS);
            BaseModelActivities activities = stub(store, stack, tracker);

            long start = System.nanoTime();
            StageResult first = activities.prepare(new BaseModelRequest("base-it-" + nonce + "-a", MODEL, inputs, null,
                    trackingRun(tracker, "base-model a " + nonce)));
            double firstSeconds = (System.nanoTime() - start) / 1e9;
            start = System.nanoTime();
            StageResult second = activities.prepare(new BaseModelRequest("base-it-" + nonce + "-b", MODEL, inputs, null,
                    trackingRun(tracker, "base-model b " + nonce)));
            double secondSeconds = (System.nanoTime() - start) / 1e9;

            assertFalse(first.cacheHit());
            assertTrue(second.cacheHit(), "the second run must reuse the first run's base model");
            assertEquals(first.output(), second.output());
            Path bundle = new StoredDirectory(store, work.resolve("cache")).download(first.output());
            for (String file : List.of(ModelCheckpoint.CONFIG, ModelCheckpoint.MODEL, BaseModelTraining.TOKENIZER,
                    BaseModelActivitiesImpl.INFO)) {
                assertTrue(Files.isRegularFile(bundle.resolve(file)), "the bundle lacks " + file);
            }
            JsonNode info = JSON.readTree(bundle.resolve(BaseModelActivitiesImpl.INFO).toFile());
            assertEquals("base-model", info.path("stage").asText());
            assertEquals("trained", info.path("mode").asText());
            assertTrue(info.path("report").path("held_out").has("ar"));
            try (NDManager manager = NDManager.newBaseManager();
                    PaloModel model = ModelCheckpoint.loadModel(manager, bundle)) {
                assertTrue(model.config().isMultimodal());
            }
            assertRegistered(new MlflowRest(stack.mlflowUri), first);
            System.out.printf("BaseModelIT: trained in %.1f s, cache hit in %.1f s; bundle %s%n", firstSeconds,
                    secondSeconds, first.output().uri());
        }
    }

    @Test
    void realWeightsAreValidatedImportedAndRegisteredOnce() throws Exception {
        try (EmbeddedStack stack = EmbeddedStack.requireUp()) {
            MinioObjectStore store = stack.objectStore();
            MlflowTracker tracker = stack.tracker();
            String nonce = UUID.randomUUID().toString();
            String prefix = "it/base-model-import/" + nonce + "/";
            Path weights = work.resolve("weights");
            writeTinyBundle(weights, nonce);
            for (String file : BaseModelActivitiesImpl.IMPORTED_FILES) {
                store.put(prefix + file, weights.resolve(file), "application/octet-stream", 0);
            }
            BaseModelActivities activities = stub(store, stack, tracker);

            StageResult first = activities.prepare(new BaseModelRequest("base-import-it-" + nonce + "-a", MODEL, null,
                    prefix, trackingRun(tracker, "base-model import a " + nonce)));
            StageResult second = activities.prepare(new BaseModelRequest("base-import-it-" + nonce + "-b", MODEL, null,
                    prefix, trackingRun(tracker, "base-model import b " + nonce)));
            assertFalse(first.cacheHit());
            assertTrue(second.cacheHit());
            Path bundle = new StoredDirectory(store, work.resolve("cache")).download(first.output());
            assertEquals(Files.mismatch(weights.resolve(ModelCheckpoint.MODEL), bundle.resolve(ModelCheckpoint.MODEL)), -1L);
            assertEquals("imported", JSON.readTree(bundle.resolve(BaseModelActivitiesImpl.INFO).toFile())
                    .path("mode").asText());
            assertRegistered(new MlflowRest(stack.mlflowUri), first);

            String incomplete = "it/base-model-import/" + nonce + "-incomplete/";
            store.put(incomplete + ModelCheckpoint.CONFIG, weights.resolve(ModelCheckpoint.CONFIG), "application/json", 0);
            ActivityFailure failure = assertThrows(ActivityFailure.class, () -> activities.prepare(new BaseModelRequest(
                    "base-import-it-" + nonce + "-c", MODEL, null, incomplete, null)));
            ApplicationFailure cause = (ApplicationFailure) failure.getCause();
            assertTrue(cause.isNonRetryable());
            assertTrue(cause.getOriginalMessage().contains("has no model.safetensors"), cause.getOriginalMessage());
        }
    }

    private BaseModelActivities stub(MinioObjectStore store, EmbeddedStack stack, MlflowTracker tracker) {
        environment.registerActivitiesImplementations(new BaseModelActivitiesImpl(store, tracker,
                new MlflowModelRegistry(stack.mlflowUri), work.resolve("worker")));
        return environment.newActivityStub(BaseModelActivities.class, ActivityOptions.newBuilder()
                .setStartToCloseTimeout(Duration.ofMinutes(20))
                .setRetryOptions(RetryOptions.newBuilder().setMaximumAttempts(1).build())
                .build());
    }

    /** The registry's version for this result: its source is the bundle, its tag the stage's cache key. */
    private static void assertRegistered(MlflowRest mlflow, StageResult result) throws Exception {
        JsonNode model = mlflow.registeredModel(MODEL);
        assertEquals(MODEL, model.path("name").asText());
        String version = String.valueOf(result.metrics().get("registered_version").intValue());
        JsonNode registered = mlflow.modelVersion(MODEL, version);
        assertEquals(result.output().uri(), registered.path("source").asText());
        boolean tagged = false;
        for (JsonNode tag : registered.path("tags")) {
            tagged |= tag.path("key").asText().equals(BaseModelActivitiesImpl.CACHE_KEY_TAG);
        }
        assertTrue(tagged, "version " + version + " has no " + BaseModelActivitiesImpl.CACHE_KEY_TAG + " tag");
    }

    private static ArtifactRef upload(MinioObjectStore store, String root, Path mini, String file) throws Exception {
        return store.put(root + file, mini.resolve(file), "application/json", 0);
    }

    private static String trackingRun(MlflowTracker tracker, String name) throws Exception {
        return tracker.findOrCreateRun("palo-it", name, Map.of("palo.it", name), null);
    }

    /** A tiny foreign bundle; the nonce in its corpus makes its bytes, and so its cache key, new on every run. */
    private static void writeTinyBundle(Path dir, String nonce) {
        BpeTrainer.Result bpe = new BpeTrainer(300).train(List.of("a small model " + nonce, "with a tiny vocabulary"));
        LlamaTokenizerJson.write(bpe, dir.resolve(BaseModelTraining.TOKENIZER));
        PaloConfig config = new PaloConfig(new VisionConfig(16, 32, 2, 2, 16, 8, 3, 1e-5f), "mlp2x_gelu",
                new LmConfig(bpe.vocab().size(), 16, 32, 2, 2, 2, 64, 10000.0, 1e-5f, false), null,
                PaloConfig.DEFAULT_SELECT_LAYER, PaloConfig.DEFAULT_SELECT_FEATURE);
        try (NDManager manager = NDManager.newBaseManager(); PaloModel model = PaloModel.create(manager, config, 3)) {
            ModelCheckpoint.saveModel(model, dir);
        }
    }
}
