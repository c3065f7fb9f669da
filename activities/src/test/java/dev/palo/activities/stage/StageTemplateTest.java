package dev.palo.activities.stage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.palo.activities.storage.CacheKey;
import dev.palo.activities.storage.Manifest;
import dev.palo.activities.storage.StageLocation;
import dev.palo.activities.support.InMemoryObjectStore;
import dev.palo.data.llava.LlavaFormatException;
import dev.palo.workflows.ArtifactRef;
import dev.palo.workflows.FailureTypes;
import dev.palo.workflows.StageResult;
import io.temporal.failure.ApplicationFailure;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StageTemplateTest {
    private static final String CACHE_KEY = CacheKey.of("post-edit", "1", "ar", "abc", "{}");

    @TempDir
    Path workRoot;

    private final InMemoryObjectStore store = new InMemoryObjectStore();
    private final StageLocation location = new StageLocation("run-a", "post-edit", "ar", CACHE_KEY);

    /** Writes one output (from a file in the scratch folder) and returns its manifest; counts its calls. */
    private StageTemplate.ScratchWork<Manifest> work(StageLocation at, AtomicInteger calls) {
        return scratch -> {
            calls.incrementAndGet();
            Path file = Files.writeString(scratch.resolve("out.json"), "[]");
            ArtifactRef input = store.put("inputs/ar.json", "[1]".getBytes(StandardCharsets.UTF_8),
                    "application/json", 1);
            ArtifactRef output = store.put(at.key("out.json"), file, "application/json", 0);
            return new Manifest(at.stage(), at.language(), at.runId(), at.cacheKey(), "1", input, output, false,
                    Map.of("samples", 0.0));
        };
    }

    @Test
    void aReuseHitSkipsTheWorkAndMakesNoScratchFolder() throws Exception {
        StageTemplate stage = new StageTemplate(store, workRoot);
        AtomicInteger calls = new AtomicInteger();
        StageResult first = stage.run(location, "post-edit-", work(location, calls));

        StageResult retried = stage.run(location, "post-edit-", work(location, calls));
        StageLocation otherRun = new StageLocation("run-b", "post-edit", "ar", CACHE_KEY);
        StageResult cached = stage.run(otherRun, "post-edit-", work(otherRun, calls));

        assertEquals(1, calls.get(), "a retry after the commit and a cache hit do no work");
        assertEquals(first, retried);
        assertTrue(cached.cacheHit());
        assertEquals(first.output(), cached.output());
        assertEquals(List.of(), children(workRoot), "no scratch folder is left, none made for a reuse");
    }

    @Test
    void theManifestIsWrittenLastAfterEveryOutputThenPublishedToTheCache() throws Exception {
        StageTemplate stage = new StageTemplate(store, workRoot);
        AtomicReference<Boolean> manifestDuringWork = new AtomicReference<>();
        StageTemplate.ScratchWork<Manifest> outputs = work(location, new AtomicInteger());

        StageResult result = stage.run(location, "post-edit-", scratch -> {
            Manifest manifest = outputs.run(scratch);
            manifestDuringWork.set(store.exists(location.manifestKey()));
            return manifest;
        });

        assertFalse(manifestDuringWork.get(), "no manifest while the work runs");
        assertEquals(List.of("inputs/ar.json", location.key("out.json"), location.manifestKey(),
                location.cacheEntryKey()), store.written());
        assertEquals(store.uri(location.manifestKey()), result.manifest().uri());
        assertFalse(result.cacheHit());
    }

    @Test
    void aFailedAttemptDeletesItsScratchFolderCommitsNothingAndBadLlavaIsNotRetried() throws Exception {
        StageTemplate stage = new StageTemplate(store, workRoot);
        ArtifactRef source = store.put("inputs/ar.json", "[{}]".getBytes(StandardCharsets.UTF_8), "application/json", 1);
        AtomicReference<Path> scratchSeen = new AtomicReference<>();

        ApplicationFailure failure = assertThrows(ApplicationFailure.class, () -> StageErrors.standard().llava(source)
                .run(() -> stage.run(location, "post-edit-", scratch -> {
                    scratchSeen.set(scratch);
                    Files.writeString(scratch.resolve("partial.json"), "[");
                    throw new LlavaFormatException("record 0 has no conversations");
                })));

        assertTrue(failure.isNonRetryable());
        assertEquals(FailureTypes.INVALID_INPUT, failure.getType());
        assertEquals("s3://memory/inputs/ar.json is not valid LLaVA JSON: record 0 has no conversations",
                failure.getOriginalMessage());
        assertTrue(scratchSeen.get().startsWith(workRoot), "the scratch folder lies under the work root");
        assertTrue(scratchSeen.get().getFileName().toString().startsWith("post-edit-"));
        assertFalse(Files.exists(scratchSeen.get()), "the failed attempt's scratch folder is deleted");
        assertFalse(store.exists(location.manifestKey()));
        assertFalse(store.exists(location.cacheEntryKey()));
    }

    @Test
    void aResultBesideTheStageResultIsMadeFromTheCommittedOrTheReusedOne() throws Exception {
        StageTemplate stage = new StageTemplate(store);
        StageTemplate.Work<Manifest> outputs = () -> work(location, new AtomicInteger()).run(workRoot);

        String fresh = stage.run(location, done -> "reused " + done.cacheHit(),
                () -> new StageTemplate.Outcome<String>(outputs.run(), done -> "committed " + done.manifest().uri()));
        String again = stage.run(location, done -> "reused " + done.cacheHit(),
                () -> fail("a committed stage is not worked again"));

        assertEquals("committed " + store.uri(location.manifestKey()), fresh);
        assertEquals("reused false", again);
    }

    private static List<Path> children(Path folder) throws IOException {
        try (Stream<Path> files = Files.list(folder)) {
            return files.toList();
        }
    }
}
