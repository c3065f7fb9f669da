package dev.palo.activities.basemodel;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import dev.palo.activities.storage.StoredDirectory;
import dev.palo.activities.support.InMemoryObjectStore;
import dev.palo.activities.support.RecordingTracker;
import dev.palo.activities.training.BundleExports;
import dev.palo.model.PaloConfig;
import dev.palo.model.checkpoint.ModelCheckpoint;
import dev.palo.model.checkpoint.SafetensorsReader;
import dev.palo.model.export.LlavaExport;
import dev.palo.model.lm.LmConfig;
import dev.palo.model.multimodal.PaloModel;
import dev.palo.model.tokenizer.BpeTrainer;
import dev.palo.model.tokenizer.LlamaTokenizerJson;
import dev.palo.model.vision.VisionConfig;
import dev.palo.workflows.StageResult;
import dev.palo.workflows.basemodel.BaseModelActivities;
import dev.palo.workflows.basemodel.BaseModelRequest;
import io.temporal.activity.ActivityOptions;
import io.temporal.common.RetryOptions;
import io.temporal.testing.TestActivityEnvironment;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The base-model stage imports a LLaVA-layout checkpoint (the platform's own export, placed in the store with its
 * CLIP directory beside it) into a bundle with the same tensors, registers it, and exports it again beside it.
 */
class LlavaCheckpointImportTest {
    @TempDir
    Path work;

    @Test
    void aLlavaCheckpointInTheStoreBecomesABaseModelWithTheSameTensors() throws Exception {
        Path original = work.resolve("original");
        List<String> corpus = Collections.nCopies(10, "A red circle is on the left. USER: ASSISTANT: Il y a deux carrés.");
        BpeTrainer.Result bpe = new BpeTrainer(300).train(corpus);
        LlamaTokenizerJson.write(bpe, original.resolve("tokenizer.json"));
        PaloConfig config = new PaloConfig(new VisionConfig(16, 32, 2, 2, 16, 4, 3, 1e-5f), "mlp2x_gelu",
                new LmConfig(bpe.vocab().size(), 32, 64, 2, 4, 2, 128, 10000.0, 1e-5f, false), null,
                PaloConfig.DEFAULT_SELECT_LAYER, PaloConfig.DEFAULT_SELECT_FEATURE);
        try (NDManager manager = NDManager.newBaseManager(); PaloModel model = PaloModel.create(manager, config, 3)) {
            ModelCheckpoint.saveModel(model, original);
        }
        Path exported = work.resolve("exported");
        LlavaExport.export(original, null, "real", 128, exported);

        InMemoryObjectStore store = new InMemoryObjectStore();
        try (Stream<Path> files = Files.walk(exported)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                store.put("checkpoints/" + exported.relativize(file), file, "application/octet-stream", 0);
            }
        }
        RecordingTracker tracker = new RecordingTracker();
        InMemoryModelRegistry registry = new InMemoryModelRegistry();
        TestActivityEnvironment environment = TestActivityEnvironment.newInstance();
        StageResult result;
        String trackingRun = tracker.findOrCreateRun("palo", "import", Map.of("name", "import"), null);
        try {
            environment.registerActivitiesImplementations(new BaseModelActivitiesImpl(store, tracker, registry,
                    work.resolve("worker")));
            BaseModelActivities activities = environment.newActivityStub(BaseModelActivities.class,
                    ActivityOptions.newBuilder().setStartToCloseTimeout(Duration.ofMinutes(5))
                            .setRetryOptions(RetryOptions.newBuilder().setMaximumAttempts(1).build()).build());
            result = activities.prepare(new BaseModelRequest("run-import", "llava-import", null,
                    "checkpoints/llava-palo-real", trackingRun));
        } finally {
            environment.close();
        }
        Path bundle = new StoredDirectory(store, work.resolve("read")).download(result.output());
        assertEquals(config, ModelCheckpoint.readConfig(bundle));
        try (NDManager manager = NDManager.newBaseManager()) {
            LinkedHashMap<String, NDArray> expected = SafetensorsReader.read(original.resolve("model.safetensors"), manager);
            LinkedHashMap<String, NDArray> actual = SafetensorsReader.read(bundle.resolve("model.safetensors"), manager);
            assertEquals(new java.util.TreeSet<>(expected.keySet()), new java.util.TreeSet<>(actual.keySet()));
            expected.forEach((name, tensor) -> assertArrayEquals(bytes(tensor), bytes(actual.get(name)), name));
        }
        assertEquals("imported-llava", new com.fasterxml.jackson.databind.ObjectMapper()
                .readTree(bundle.resolve(BaseModelActivitiesImpl.INFO).toFile()).path("mode").asText());
        var version = registry.versions.get(0);
        assertTrue(store.stat(version.tags().get(BaseModelActivitiesImpl.EXPORT_KEY_TAG)).isPresent(),
                "the registered version names its stored export");
        assertTrue(tracker.artifacts.containsKey(trackingRun + "/" + BundleExports.EXPORT + "llava-palo-base/config.json"));
        assertTrue(tracker.artifacts.containsKey(trackingRun + "/" + BundleExports.EXPORT
                + "palo-vision-tower/model.safetensors"));
    }

    private static byte[] bytes(NDArray array) {
        ByteBuffer buffer = array.toByteBuffer();
        byte[] bytes = new byte[buffer.remaining()];
        buffer.get(bytes);
        return bytes;
    }
}
