package dev.palo.activities.translation.base;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.palo.activities.storage.StoredDirectory;
import dev.palo.activities.support.InMemoryObjectStore;
import dev.palo.activities.support.RecordingTracker;
import dev.palo.model.translator.LocalTranslator;
import dev.palo.workflows.ArtifactRef;
import dev.palo.workflows.FailureTypes;
import dev.palo.workflows.translation.base.PrepareTranslatorRequest;
import dev.palo.workflows.translation.base.TranslatorActivities;
import dev.palo.workflows.translation.base.TranslatorModel;
import dev.palo.workflows.translation.translate.TranslatorRef;
import io.temporal.failure.ActivityFailure;
import io.temporal.failure.ApplicationFailure;
import io.temporal.testing.TestActivityEnvironment;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The base translator stage on in-memory backends: outputs, registry, tracking, cache, resume, bad input. */
class TranslatorActivitiesImplTest {
    private static final String MODEL = "test-translator";
    private final List<TestActivityEnvironment> environments = new ArrayList<>();
    private final RecordingTracker tracker = new RecordingTracker();
    private final InMemoryModelRegistry registry = new InMemoryModelRegistry();
    @TempDir
    Path work;

    @AfterEach
    void stop() {
        environments.forEach(TestActivityEnvironment::close);
    }

    @Test
    void trainsStoresTheBundleRegistersItAndTracksEveryStep() throws IOException {
        InMemoryObjectStore store = new InMemoryObjectStore();
        List<ArtifactRef> seeds = TranslatorFixtures.seeds(store, "inputs/");
        TranslatorModel model = stub(store).prepareBase(TranslatorFixtures.request(tracker, "run-1", seeds,
                TranslatorFixtures.config(MODEL)));

        assertEquals(TranslatorRef.local(MODEL, model.stage().output()), model.translator());
        assertFalse(model.stage().cacheHit());
        assertTrue(store.stat(model.stage().manifest().uri().substring("s3://memory/".length())).isPresent());
        List<String> files = new StoredDirectory(store, work.resolve("check")).read(model.stage().output()).files()
                .stream().map(StoredDirectory.Entry::path).toList();
        assertTrue(files.containsAll(List.of("config.json", "model.safetensors", "tokenizer.json", "translator.json",
                TranslatorBundles.BUNDLE_FILE)), files.toString());
        try (LocalTranslator translator = new TranslatorBundles(store, work.resolve("bundles")).load(model.stage().output())) {
            assertEquals(TranslatorFixtures.LANGUAGES.stream().sorted().toList(), translator.languages());
            assertEquals(2, translator.translate(List.of("There are two circles.", ""), "fr").size());
        }
        assertEquals(1, registry.versions.size());
        assertEquals(model.registeredVersion(), registry.versions.get(0).version());
        assertEquals(model.stage().output().uri(), registry.versions.get(0).source());
        long lossSteps = tracker.metrics.stream().filter(m -> m.key().equals("loss")).count();
        assertEquals(model.stage().metrics().get("steps").longValue(), lossSteps);
        // beside the bundle, the Hugging Face export (LlamaForCausalLM + tokenizer files), logged to the stage's run
        List<String> exported = store.list("").stream().filter(key -> key.contains("/export/")).toList();
        for (String file : List.of("llava-palo-translator-base/config.json",
                "llava-palo-translator-base/model.safetensors", "llava-palo-translator-base/tokenizer_config.json")) {
            assertTrue(tracker.artifacts.keySet().stream().anyMatch(path -> path.endsWith("export/" + file)),
                    file + " in " + tracker.artifacts.keySet());
        }
        assertFalse(exported.isEmpty(), "the export folder is in the store");
    }

    @Test
    void aSecondRunWithTheSameInputsIsACacheHit() throws IOException {
        InMemoryObjectStore store = new InMemoryObjectStore();
        List<ArtifactRef> seeds = TranslatorFixtures.seeds(store, "inputs/");
        TranslatorActivities activities = stub(store);
        TranslatorModel first = activities.prepareBase(TranslatorFixtures.request(tracker, "run-1", seeds,
                TranslatorFixtures.config(MODEL)));
        int metricsAfterFirst = tracker.metrics.size();
        TranslatorModel second = activities.prepareBase(TranslatorFixtures.request(tracker, "run-2", seeds,
                TranslatorFixtures.config(MODEL)));

        assertTrue(second.stage().cacheHit());
        assertEquals(first.translator(), second.translator());
        assertEquals(first.registeredVersion(), second.registeredVersion());
        assertEquals(1, registry.versions.size());
        assertEquals(metricsAfterFirst, tracker.metrics.size());
    }

    @Test
    void aRetryResumesFromTheLastCheckpointAndGivesTheSameWeights() throws IOException {
        InMemoryObjectStore plain = new InMemoryObjectStore();
        TranslatorModel straight = stub(plain).prepareBase(TranslatorFixtures.request(tracker, "run-1",
                TranslatorFixtures.seeds(plain, "inputs/"), TranslatorFixtures.config(MODEL)));

        InMemoryObjectStore backing = new InMemoryObjectStore();
        FailingOnceObjectStore dying = new FailingOnceObjectStore(backing, key -> key.contains("/bundle/"));
        PrepareTranslatorRequest request = TranslatorFixtures.request(tracker, "run-1", TranslatorFixtures.seeds(backing, "inputs/"),
                TranslatorFixtures.config(MODEL));
        TranslatorActivities activities = stub(dying);
        assertThrows(ActivityFailure.class, () -> activities.prepareBase(request));
        tracker.metrics.clear();
        TranslatorModel resumed = activities.prepareBase(request);

        int steps = resumed.stage().metrics().get("steps").intValue();
        int lastCheckpoint = (steps - 1) / 2 * 2;
        assertEquals(lastCheckpoint, resumed.stage().metrics().get("resumed_from_step").intValue());
        assertEquals(steps - lastCheckpoint, tracker.metrics.stream().filter(m -> m.key().equals("loss")).count());
        assertArrayEquals(weights(plain, straight), weights(backing, resumed));
    }

    @Test
    void aSeedFileWithoutTargetsIsRejectedWithoutRetry() throws IOException {
        InMemoryObjectStore store = new InMemoryObjectStore();
        ArtifactRef seed = store.put("inputs/fr.jsonl",
                "{\"lang\":\"fr\",\"source\":\"one\"}\n".getBytes(StandardCharsets.UTF_8), "application/x-ndjson", 1);
        ActivityFailure failure = assertThrows(ActivityFailure.class, () -> stub(store).prepareBase(
                TranslatorFixtures.request(tracker, "run-1", List.of(seed), TranslatorFixtures.config(MODEL))));
        ApplicationFailure cause = (ApplicationFailure) failure.getCause();
        assertEquals(FailureTypes.INVALID_INPUT, cause.getType());
        assertTrue(cause.getOriginalMessage().contains("'target'"), cause.getOriginalMessage());
    }

    private TranslatorActivities stub(dev.palo.activities.storage.ObjectStore store) {
        return TranslatorFixtures.stub(environments, store, tracker, registry, work.resolve("worker"));
    }

    private byte[] weights(InMemoryObjectStore store, TranslatorModel model) throws IOException {
        Path dir = new TranslatorBundles(store, work.resolve("weights-" + model.stage().output().sha256()))
                .download(model.stage().output());
        return Files.readAllBytes(dir.resolve("model.safetensors"));
    }
}
