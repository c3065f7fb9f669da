package dev.palo.activities.dataset;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.palo.activities.storage.ObjectStore;
import dev.palo.activities.storage.Sha256;
import dev.palo.activities.support.EmbeddedStack;
import dev.palo.activities.support.LlavaSamples;
import dev.palo.activities.support.RecordingTracker;
import dev.palo.data.llava.LlavaRecord;
import dev.palo.data.llava.Turn;
import dev.palo.workflows.ArtifactRef;
import dev.palo.workflows.StageResult;
import dev.palo.workflows.dataset.DatasetActivities;
import dev.palo.workflows.dataset.DatasetArm;
import dev.palo.workflows.dataset.DatasetBuildRequest;
import dev.palo.workflows.dataset.DatasetConfig;
import dev.palo.workflows.dataset.LanguageSet;
import io.temporal.activity.ActivityOptions;
import io.temporal.common.RetryOptions;
import io.temporal.testing.TestActivityEnvironment;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The dataset-build stage against the S3 server of {@code ./palo up}: shards, index and manifest really stored. */
class DatasetBuildIT {
    private static EmbeddedStack stack;
    private static ObjectStore store;
    private final String prefix = "it/dataset/" + UUID.randomUUID() + "/";
    private final TestActivityEnvironment environment = TestActivityEnvironment.newInstance();

    @TempDir
    Path work;

    @BeforeAll
    static void connect() {
        stack = EmbeddedStack.requireUp();
        store = stack.objectStore();
    }

    @AfterAll
    static void disconnect() {
        if (stack != null) {
            stack.close();
        }
    }

    @AfterEach
    void stop() {
        environment.close();
    }

    @Test
    void buildsTheMixtureIntoStoredShardsAndAnIndexThenReusesTheManifest() throws Exception {
        // one record unique to this run, so that the stage cache cannot answer from an earlier run
        List<LlavaRecord> english = new ArrayList<>(DatasetFixtures.english());
        english.add(LlavaRecord.of(prefix, null, List.of(Turn.human("Which run is this?"), Turn.gpt(prefix))));
        List<LlavaRecord> arabic = DatasetFixtures.translated("ar", english);
        ArtifactRef englishRef = store.put(prefix + "en.json", LlavaSamples.json(english), "application/json",
                english.size());
        ArtifactRef arabicRef = store.put(prefix + "ar.json", LlavaSamples.json(arabic), "application/json",
                arabic.size());
        DatasetBuildRequest request = new DatasetBuildRequest(prefix.replace('/', '-') + "run", DatasetArm.PALO,
                new LanguageSet("en", englishRef, List.of()), List.of(new LanguageSet("ar", arabicRef, List.of())),
                new DatasetConfig(11, 5), "stage-run");
        environment.registerActivitiesImplementations(new DatasetActivitiesImpl(store, new RecordingTracker(), work));
        DatasetActivities activities = environment.newActivityStub(DatasetActivities.class, ActivityOptions.newBuilder()
                .setStartToCloseTimeout(Duration.ofMinutes(2))
                .setRetryOptions(RetryOptions.newBuilder().setMaximumAttempts(1).build())
                .build());

        StageResult result = activities.build(request);

        DatasetIndex index = DatasetFixtures.index(store, result);
        List<String> expected = new ArrayList<>(DatasetFixtures.expectedKept("en", english));
        expected.addAll(DatasetFixtures.expectedKept("ar", arabic));
        assertEquals(expected.stream().sorted().toList(), DatasetFixtures.records(store, index).stream()
                .map(r -> r.language() + "/" + r.id()).sorted().toList());
        for (ArtifactRef shard : index.shards()) {
            Path copy = work.resolve("shard.json");
            store.download(shard, copy); // checks the stored bytes against the index's sha256
            assertEquals(Sha256.of(copy), shard.sha256());
            assertEquals(shard, store.stat(shard.uri().substring(store.uri("").length())).orElseThrow());
        }
        assertTrue(store.exists(result.manifest().uri().substring(store.uri("").length())));
        assertFalse(result.cacheHit());
        assertEquals(result, activities.build(request), "a retry returns the stored manifest's result");
    }
}
