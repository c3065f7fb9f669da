package dev.palo.activities.dataset;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.palo.activities.storage.ObjectStore;
import dev.palo.activities.support.LlavaSamples;
import dev.palo.data.llava.LlavaJsonReader;
import dev.palo.data.llava.LlavaRecord;
import dev.palo.data.llava.Turn;
import dev.palo.workflows.ArtifactRef;
import dev.palo.workflows.StageResult;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Small English and translated sets with corrupt records, exact duplicates and near-duplicates. */
final class DatasetFixtures {
    static final ObjectMapper JSON = new ObjectMapper();
    private static final int CORRUPT_EVERY = 4;

    private DatasetFixtures() {
    }

    /** LlavaSamples' image records plus other sources, two exact copies under new ids, one copy with another image. */
    static List<LlavaRecord> english() {
        List<LlavaRecord> records = new ArrayList<>(LlavaSamples.records(12));
        LlavaRecord coco = LlavaRecord.of("coco-1", "coco/train2017/1.jpg",
                List.of(Turn.human(Turn.IMAGE_TOKEN + "\nWhat is it?"), Turn.gpt("A cat.")));
        records.add(coco);
        records.add(LlavaRecord.of("text-1", null, List.of(Turn.human("Say hello."), Turn.gpt("Hello."))));
        records.add(LlavaRecord.of("gqa-1", "gqa/images/7.jpg",
                List.of(Turn.human(Turn.IMAGE_TOKEN + "\nIs it left?"), Turn.gpt("Yes."))));
        records.add(LlavaRecord.of("copy-of-sample-3", records.get(3).image(), records.get(3).conversations()));
        records.add(LlavaRecord.of("copy-of-coco-1", coco.image(), coco.conversations()));
        records.add(LlavaRecord.of("coco-2", "coco/train2017/2.jpg", coco.conversations()));
        return records;
    }

    /** A translate + post-edit output: PALO's fields, every fourth record flagged corrupt. */
    static List<LlavaRecord> translated(String language, List<LlavaRecord> english) {
        List<LlavaRecord> records = new ArrayList<>();
        for (int i = 0; i < english.size(); i++) {
            LlavaRecord source = english.get(i);
            List<Turn> turns = source.conversations().stream()
                    .map(turn -> new Turn(turn.from(), "[" + language + "] " + turn.value())).toList();
            records.add(new LlavaRecord(source.id(), source.image(), turns, source.conversations(), Map.of(),
                    i % CORRUPT_EVERY == 1, language, Map.of()));
        }
        return records;
    }

    /**
     * {@code language/id} of what a build must keep from a set, computed independently of the
     * builder: not corrupt, and the first of each (image, conversations).
     */
    static List<String> expectedKept(String language, List<LlavaRecord> records) {
        Map<List<Object>, String> first = new LinkedHashMap<>();
        for (LlavaRecord record : records) {
            if (!Boolean.TRUE.equals(record.corrupt())) {
                first.putIfAbsent(Arrays.asList(record.image(), record.conversations()), language + "/" + record.id());
            }
        }
        return List.copyOf(first.values());
    }

    static long corrupt(List<LlavaRecord> records) {
        return records.stream().filter(r -> Boolean.TRUE.equals(r.corrupt())).count();
    }

    static DatasetIndex index(ObjectStore store, StageResult result) throws IOException {
        try (InputStream in = store.open(result.output())) {
            return JSON.readValue(in, DatasetIndex.class);
        }
    }

    /** Every record of every shard, in order. */
    static List<LlavaRecord> records(ObjectStore store, DatasetIndex index) throws IOException {
        List<LlavaRecord> records = new ArrayList<>();
        for (ArtifactRef shard : index.shards()) {
            try (InputStream in = store.open(shard); LlavaJsonReader reader = new LlavaJsonReader(in, shard.uri())) {
                reader.forEachRemaining(records::add);
            }
        }
        return records;
    }
}
