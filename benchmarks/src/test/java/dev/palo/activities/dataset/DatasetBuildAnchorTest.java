package dev.palo.activities.dataset;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.palo.benchmarks.bench.PythonAnchor;
import dev.palo.data.llava.LlavaJsonReader;
import dev.palo.data.llava.LlavaRecord;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The dataset-build anchor ({@code benchmarks/python/dataset_build_anchor.py}) computes what our stage computes, on
 * tiny inputs of the benchmark's kind: the same records kept (as language, id and image), the same corrupt and
 * duplicate counts. Not timed: {@code ./palo bench} times them.
 */
class DatasetBuildAnchorTest {
    @TempDir
    Path dir;

    @Test
    void keepsTheSameRecordsAsTheStage() throws Exception {
        List<BuildInput> inputs = DatasetBuildBenchmark.writeInputs(dir, 400, 60);
        List<String> ours = new ArrayList<>();
        BuildCounts counts = new DatasetBuilder(Files.createDirectories(dir.resolve("work")), 1 << 16).build(inputs, 7,
                100, new ShardSink() {
                    @Override
                    public boolean alreadyStored(String name) {
                        return false;
                    }

                    @Override
                    public void store(String name, Path file, long records) throws IOException {
                        ours.addAll(identities(file));
                    }
                }, progress -> { });

        Path out = dir.resolve("python-out");
        List<String> arguments = new ArrayList<>(List.of("--seed", "7", "--shard-size", "100", "--out", out.toString()));
        inputs.forEach(input -> arguments.add(input.language() + "=" + input.name()));
        JsonNode python = PythonAnchor.run(PythonAnchor.interpreter(Path.of(System.getProperty("palo.home", ".palo"))),
                Path.of("python", "dataset_build_anchor.py"), arguments);
        List<String> theirs = new ArrayList<>();
        try (Stream<Path> shards = Files.list(out)) {
            for (Path shard : shards.sorted().toList()) {
                theirs.addAll(identities(shard));
            }
        }

        assertTrue(counts.corrupt() > 0 && counts.duplicates() > 0, "the inputs hold corrupt and duplicate records");
        assertEquals(400 + 9 * 60, python.path("read").asLong());
        assertEquals(counts.records(), python.path("kept").asLong());
        assertEquals(counts.corrupt(), python.path("corrupt").asLong());
        assertEquals(counts.duplicates(), python.path("duplicates").asLong());
        assertEquals(ours.stream().sorted().toList(), theirs.stream().sorted().toList(), "the same records kept");
    }

    /** language|id|image of every record in a shard. */
    private static List<String> identities(Path shard) throws IOException {
        List<String> identities = new ArrayList<>();
        try (InputStream in = Files.newInputStream(shard); LlavaJsonReader reader = new LlavaJsonReader(in,
                shard.toString())) {
            while (reader.hasNext()) {
                LlavaRecord record = reader.next();
                identities.add(record.language() + "|" + record.id() + "|" + record.image());
            }
        }
        return identities;
    }
}
