package dev.palo.activities.translation.base;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.palo.activities.storage.MinioObjectStore;
import dev.palo.activities.support.EmbeddedStack;
import dev.palo.activities.support.MlflowRest;
import dev.palo.activities.tracking.MlflowModelRegistry;
import dev.palo.activities.tracking.MlflowTracker;
import dev.palo.workflows.ArtifactRef;
import dev.palo.workflows.translation.base.PrepareTranslatorRequest;
import dev.palo.workflows.translation.base.TranslatorActivities;
import dev.palo.workflows.translation.base.TranslatorModel;
import io.temporal.failure.ActivityFailure;
import io.temporal.testing.TestActivityEnvironment;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The base translator stage on the stack of {@code ./palo up}: S3 for seeds, checkpoints, bundle and manifest, MLflow
 * for tracking and the model registry (read back through REST). Names are unique per run, so runs never share a cache
 * entry or a registered model with earlier runs or other engineers' tests.
 */
class TranslatorBaseIT {
    private final List<TestActivityEnvironment> environments = new ArrayList<>();
    private final String unique = "it-translator-" + UUID.randomUUID();
    private EmbeddedStack stack;
    private MinioObjectStore store;
    private MlflowTracker tracker;
    private MlflowModelRegistry registry;
    @TempDir
    Path work;

    @BeforeEach
    void connect() {
        stack = EmbeddedStack.requireUp();
        store = stack.objectStore();
        tracker = stack.tracker();
        registry = new MlflowModelRegistry(stack.mlflowUri);
    }

    @AfterEach
    void stop() {
        environments.forEach(TestActivityEnvironment::close);
        stack.close();
    }

    @Test
    void storesRegistersAndReusesTheTranslator() throws Exception {
        String name = "palo-" + unique;
        List<ArtifactRef> seeds = TranslatorFixtures.seeds(store, unique + "/inputs/");
        TranslatorActivities activities = TranslatorFixtures.stub(environments, store, tracker, registry, work);
        TranslatorModel first = activities.prepareBase(TranslatorFixtures.request(tracker, unique + "-1", seeds,
                TranslatorFixtures.config(name)));

        assertFalse(first.stage().cacheHit());
        assertTrue(store.stat(key(first.stage().manifest())).isPresent());
        assertTrue(store.stat(key(first.stage().output())).isPresent());
        assertTrue(store.list(key(first.stage().output()).replace(".directory.json", "/")).stream()
                .anyMatch(k -> k.endsWith("/model.safetensors")));
        JsonNode registered = new MlflowRest(stack.mlflowUri).registeredModel(name);
        assertEquals(name, registered.path("name").asText());
        JsonNode version = new MlflowRest(stack.mlflowUri).modelVersion(name, first.registeredVersion());
        assertEquals(first.stage().output().uri(), version.path("source").asText());

        TranslatorModel second = activities.prepareBase(TranslatorFixtures.request(tracker, unique + "-2", seeds,
                TranslatorFixtures.config(name)));
        assertTrue(second.stage().cacheHit());
        assertEquals(first.translator(), second.translator());
        assertEquals(first.registeredVersion(), second.registeredVersion());
    }

    @Test
    void aResumedTrainingStoresTheSameWeightsAsAnUninterruptedOne() throws Exception {
        List<ArtifactRef> seeds = TranslatorFixtures.seeds(store, unique + "/inputs/");
        TranslatorModel straight = TranslatorFixtures.stub(environments, store, tracker, registry, work.resolve("a"))
                .prepareBase(TranslatorFixtures.request(tracker, unique + "-straight", seeds,
                        TranslatorFixtures.config("palo-" + unique + "-straight")));

        FailingOnceObjectStore dying = new FailingOnceObjectStore(store, key -> key.contains("/bundle/"));
        TranslatorActivities activities = TranslatorFixtures.stub(environments, dying, tracker, registry, work.resolve("b"));
        PrepareTranslatorRequest request = TranslatorFixtures.request(tracker, unique + "-resumed", seeds,
                TranslatorFixtures.config("palo-" + unique + "-resumed"));
        assertThrows(ActivityFailure.class, () -> activities.prepareBase(request));
        TranslatorModel resumed = activities.prepareBase(request);

        assertTrue(resumed.stage().metrics().get("resumed_from_step") > 0);
        TranslatorBundles bundles = new TranslatorBundles(store, work.resolve("check"));
        assertArrayEquals(Files.readAllBytes(bundles.download(straight.stage().output()).resolve("model.safetensors")),
                Files.readAllBytes(bundles.download(resumed.stage().output()).resolve("model.safetensors")));
    }

    private String key(ArtifactRef ref) {
        return ref.uri().substring(store.uri("").length());
    }
}
