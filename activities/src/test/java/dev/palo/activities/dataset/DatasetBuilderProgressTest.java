package dev.palo.activities.dataset;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.palo.activities.support.LlavaSamples;
import dev.palo.data.llava.LlavaRecord;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The build's progress as its heartbeat reports it: records read of the inputs', then written of those kept. */
class DatasetBuilderProgressTest {
    @TempDir
    Path work;

    @Test
    void readingCountsAgainstTheInputsRecordsAndWritingAgainstTheRecordsKeptForIt() throws IOException {
        List<LlavaRecord> english = DatasetFixtures.english();
        List<LlavaRecord> arabic = DatasetFixtures.translated("ar", english);
        List<BuildProgress> progress = build(List.of(input("en", english, english.size()),
                input("ar", arabic, arabic.size())));

        long inputs = english.size() + arabic.size();
        long kept = inputs - DatasetFixtures.corrupt(english) - DatasetFixtures.corrupt(arabic);
        assertEquals(new BuildProgress(BuildProgress.BUCKETING, 0, inputs), progress.get(0));
        BuildProgress writing = progress.stream().filter(p -> p.phase().equals(BuildProgress.SHARDING)).findFirst()
                .orElseThrow();
        assertEquals(new BuildProgress(BuildProgress.SHARDING, 0, kept), writing);
        assertEquals(Map.of("shards", 0L), writing.work("palo", 100).counts());
        assertEquals(kept, writing.work("palo", 100).total());
    }

    @Test
    void anInputWhoseRecordsWereNotCountedLeavesTheReadingPhaseWithoutTotal() throws IOException {
        List<LlavaRecord> english = DatasetFixtures.english();
        List<LlavaRecord> arabic = DatasetFixtures.translated("ar", english);

        List<BuildProgress> progress = build(List.of(input("en", english, english.size()), input("ar", arabic, 0)));

        assertNull(progress.get(0).total());
        assertNull(progress.get(0).work("baseline", 100).total());
    }

    private List<BuildProgress> build(List<BuildInput> inputs) throws IOException {
        List<BuildProgress> progress = new ArrayList<>();
        new DatasetBuilder(work, DatasetBuilder.DEFAULT_BUCKET_BYTES).build(inputs, 7, 100, new ShardSink() {
            @Override
            public boolean alreadyStored(String name) {
                return false;
            }

            @Override
            public void store(String name, Path file, long records) {
            }
        }, progress::add);
        return progress;
    }

    private static BuildInput input(String language, List<LlavaRecord> records, long counted) {
        byte[] json = LlavaSamples.json(records);
        return new BuildInput(language, language + ".json", json.length, counted, () -> new ByteArrayInputStream(json));
    }
}
