package dev.palo.activities.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.palo.activities.support.InMemoryObjectStore;
import dev.palo.workflows.ArtifactRef;
import dev.palo.workflows.StageResult;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StageOutputsTest {
    private final InMemoryObjectStore store = new InMemoryObjectStore();
    private final StageOutputs outputs = new StageOutputs(store);
    private final String cacheKey = CacheKey.of("translate", "1", "ar", "abc", "{}");

    private Manifest finish(StageLocation location) throws Exception {
        ArtifactRef input = store.put("inputs/en.json", "[]".getBytes(StandardCharsets.UTF_8), "application/json", 0);
        ArtifactRef output = store.put(location.key("out.json"), "[1]".getBytes(StandardCharsets.UTF_8),
                "application/json", 1);
        return new Manifest("translate", "ar", location.runId(), cacheKey, "1", input, output, false,
                Map.of("samples", 1.0));
    }

    @Test
    void nothingToReuseBeforeTheManifestIsWritten() throws Exception {
        StageLocation location = new StageLocation("run-a", "translate", "ar", cacheKey);
        finish(location);
        assertTrue(outputs.reuse(location).isEmpty());
    }

    @Test
    void aRetryInTheSameRunGetsTheCommittedResult() throws Exception {
        StageLocation location = new StageLocation("run-a", "translate", "ar", cacheKey);
        StageResult committed = outputs.commit(location, finish(location));

        StageResult reused = outputs.reuse(location).orElseThrow();

        assertEquals(committed, reused);
        assertFalse(reused.cacheHit());
        assertEquals(store.uri(location.manifestKey()), reused.manifest().uri());
    }

    @Test
    void anotherRunWithTheSameCacheKeyReusesTheOutputAsACacheHit() throws Exception {
        StageLocation first = new StageLocation("run-a", "translate", "ar", cacheKey);
        StageResult committed = outputs.commit(first, finish(first));
        StageLocation second = new StageLocation("run-b", "translate", "ar", cacheKey);

        StageResult reused = outputs.reuse(second).orElseThrow();

        assertTrue(reused.cacheHit());
        assertEquals(committed.output(), reused.output());
        assertEquals(committed.metrics(), reused.metrics());
        assertTrue(store.exists(second.manifestKey()), "the second run records its own manifest");
    }

    @Test
    void aRetryPublishesToTheCacheWhatADeadAttemptCommittedButDidNotPublish() throws Exception {
        StageLocation location = new StageLocation("run-a", "translate", "ar", cacheKey);
        Manifest manifest = finish(location);
        store.put(location.manifestKey(), new ObjectMapper().writeValueAsBytes(manifest),
                "application/json", 0);

        outputs.reuse(location).orElseThrow();

        assertTrue(store.exists(location.cacheEntryKey()));
        assertTrue(outputs.reuse(new StageLocation("run-b", "translate", "ar", cacheKey)).orElseThrow().cacheHit());
    }

    @Test
    void cacheKeysDifferWhenAnyPartDiffers() {
        assertFalse(cacheKey.equals(CacheKey.of("translate", "2", "ar", "abc", "{}")));
        assertFalse(cacheKey.equals(CacheKey.of("translate", "1", "hi", "abc", "{}")));
        assertFalse(cacheKey.equals(CacheKey.of("translate", "1", "ar", "abd", "{}")));
        assertFalse(cacheKey.equals(CacheKey.of("translate", "1", "ar", "abc", "{\"model\":1}")));
        assertEquals(cacheKey, CacheKey.of("translate", "1", "ar", "abc", "{}"));
    }
}
