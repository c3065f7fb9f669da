package dev.palo.activities.dataset;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.palo.activities.support.LlavaSamples;
import dev.palo.data.llava.LlavaFormatException;
import dev.palo.data.llava.LlavaRecord;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Pass one reads several inputs at once; what a build writes and counts must not depend on how many threads read, nor
 * on which thread reached a duplicate first: of records with one content, the earliest in input order stays.
 */
class DatasetBuilderThreadsTest {
    @TempDir
    Path work;

    @Test
    void oneTwoAndFourThreadsWriteTheSameBytesAndCounts() throws IOException {
        List<LlavaRecord> english = DatasetFixtures.english();
        List<BuildInput> inputs = List.of(input("en", LlavaSamples.json(english), 0),
                input("ar", LlavaSamples.json(DatasetFixtures.translated("ar", english)), 0),
                input("hi", LlavaSamples.json(DatasetFixtures.translated("hi", english)), 0),
                input("fr", LlavaSamples.json(DatasetFixtures.translated("fr", english)), 0));
        Build one = build(inputs, 1, "one");
        for (int threads : new int[] {2, 4}) {
            Build many = build(inputs, threads, "t" + threads);
            assertEquals(one.shards(), many.shards(), threads + " threads");
            assertEquals(one.counts().languages(), many.counts().languages(), threads + " threads");
            assertEquals(one.counts().sources(), many.counts().sources(), threads + " threads");
        }
    }

    @Test
    void theEarliestOfTwoEqualRecordsStaysWhenALaterInputReachesItFirst() throws IOException {
        LlavaRecord first = DatasetFixtures.english().get(0);
        LlavaRecord same = new LlavaRecord("later-copy", first.image(), first.conversations(), null, null, null, null,
                Map.of());
        // the first input opens late, so the second input's copy is bucketed before the original
        List<BuildInput> inputs = List.of(input("en", LlavaSamples.json(List.of(first)), 300),
                input("en", LlavaSamples.json(List.of(same)), 0));

        Build built = build(inputs, 2, "late");

        assertTrue(built.shards().contains("\"" + first.id() + "\""), built.shards());
        assertFalse(built.shards().contains("later-copy"), built.shards());
        assertEquals(new LanguageCounts(2, 0, 1, 1), built.counts().languages().get("en"));
    }

    @Test
    void aBadInputFailsTheBuildWhileOthersAreRead() {
        List<BuildInput> inputs = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            inputs.add(input("en", LlavaSamples.json(DatasetFixtures.english()), 0));
        }
        inputs.add(1, input("en", "[{\"id\": 1, \"language\": \"ar\", \"conversations\": []}]"
                .getBytes(StandardCharsets.UTF_8), 0));

        assertThrows(LlavaFormatException.class, () -> build(inputs, 2, "bad"));
    }

    private record Build(String shards, BuildCounts counts) {
    }

    private Build build(List<BuildInput> inputs, int threads, String name) throws IOException {
        CollectedShards shards = new CollectedShards();
        BuildCounts counts = new DatasetBuilder(Files.createDirectories(work.resolve(name)), 1_000, threads).build(
                inputs, 11, 5, shards, progress -> { });
        return new Build(shards.text(), counts);
    }

    /** An input that takes {@code openMillis} to open. */
    private static BuildInput input(String language, byte[] json, long openMillis) {
        return new BuildInput(language, language + ".json", json.length, 0, () -> {
            sleep(openMillis);
            return new ByteArrayInputStream(json);
        });
    }

    private static void sleep(long millis) throws IOException {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while opening");
        }
    }
}
