package dev.palo.activities.dataset;

import com.fasterxml.jackson.databind.JsonNode;
import dev.palo.benchmarks.bench.BenchContext;
import dev.palo.benchmarks.bench.BenchFigure;
import dev.palo.benchmarks.bench.BenchRow;
import dev.palo.benchmarks.bench.Measure;
import dev.palo.benchmarks.bench.ParseCeiling;
import dev.palo.benchmarks.bench.PythonAnchor;
import dev.palo.benchmarks.bench.RawRead;
import dev.palo.benchmarks.bench.Repeats;
import dev.palo.benchmarks.bench.Target;
import dev.palo.data.measure.JvmMemory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * {@code dataset-build}: the stage's {@link DatasetBuilder} on the PALO mixture's size (665K English + 9 × 150K
 * translated records, as {@link DatasetBuildBenchmark} writes them; a tenth of that with {@code --quick}) beside a
 * raw read of the same bytes ({@code cat}), for context beside Jackson's streaming parse of them ({@link ParseCeiling}),
 * and beside PALO's way, {@code json.load} + shuffle + {@code json.dump} in
 * Python ({@code benchmarks/python/dataset_build_anchor.py}), which must find the same kept, corrupt and duplicate
 * counts. The builder runs in this JVM, which {@code ./palo bench} starts with {@code -Xmx512m}, the stage's heap.
 */
public final class DatasetBuildRow implements BenchRow {
    private static final double MAX_HEAP_MB = 512;

    @Override
    public List<BenchFigure> measure(BenchContext context) throws Exception {
        int english = context.quick() ? 66_500 : 665_000;
        int perLanguage = context.quick() ? 15_000 : 150_000;
        Path dir = context.scratch("dataset-build");
        try {
            List<BuildInput> inputs = DatasetBuildBenchmark.writeInputs(dir, english, perLanguage);
            List<Path> files = inputs.stream().map(input -> Path.of(input.name())).toList();
            long bytes = inputs.stream().mapToLong(BuildInput::size).sum();
            long records = english + (long) perLanguage * (inputs.size() - 1);
            String size = String.format(Locale.ROOT, "%,d records (%,d English + %d × %,d), %,d MB", records, english,
                    inputs.size() - 1, perLanguage, bytes / 1_000_000);

            List<Double> peakHeapMib = new ArrayList<>();
            BuildCounts[] ours = {null};
            List<Double> seconds = Repeats.of(context, index -> {
                boolean warmUp = index < context.warmUps();
                Path work = Files.createDirectories(dir.resolve("work"));
                JvmMemory.resetPeaks();
                long start = System.nanoTime();
                // a warm-up builds the last language alone: enough for the JIT, a fraction of the time
                BuildCounts counts = new DatasetBuilder(work, DatasetBuilder.DEFAULT_BUCKET_BYTES).build(
                        warmUp ? inputs.subList(inputs.size() - 1, inputs.size()) : inputs, index,
                        DatasetBuildBenchmark.SHARD_SIZE, new DatasetBuildBenchmark.ChecksummedShards(), progress -> { });
                double took = Repeats.secondsSince(start);
                if (!warmUp) {
                    peakHeapMib.add(JvmMemory.peakHeapBytes() / (double) (1 << 20));
                    ours[0] = counts;
                }
                Files.delete(work);
                return took;
            });
            Measure rate = Measure.of(seconds.stream().map(s -> bytes / 1e6 / s).toList(), "MB/s",
                    "DatasetBuilder (parse, dedup, bucket sort, shards + sha256), " + size);
            Measure raw = RawRead.rate(context, files, bytes);
            Measure ceiling = ParseCeiling.rate(context, files, bytes);

            JsonNode[] python = {null};
            Path pythonOut = dir.resolve("python-out");
            List<String> arguments = new ArrayList<>(List.of("--shard-size",
                    Integer.toString(DatasetBuildBenchmark.SHARD_SIZE), "--out", pythonOut.toString()));
            inputs.forEach(input -> arguments.add(input.language() + "=" + input.name()));
            List<Double> pythonSeconds = Repeats.of(context, index -> {
                List<String> run = new ArrayList<>(List.of("--seed", Integer.toString(index)));
                run.addAll(arguments);
                python[0] = PythonAnchor.run(context.python(), context.script("dataset_build_anchor.py"), run);
                BenchContext.deleteTree(pythonOut);
                return python[0].path("seconds").asDouble();
            });
            String sameCounts = sameCounts(ours[0], python[0]);
            Measure oursRecords = Measure.of(seconds.stream().map(s -> records / s).toList(), "records/s",
                    "DatasetBuilder, " + size);
            Measure pythonRecords = Measure.of(pythonSeconds.stream().map(s -> records / s).toList(), "records/s",
                    "Python json.load + dedup + random.shuffle + json.dump (benchmarks/python/dataset_build_anchor.py,"
                            + " peak RSS " + Math.round(python[0].path("maxRssMb").asDouble()) + " MB), same files");
            Measure heap = Measure.of(peakHeapMib, "MiB", "sum of the heap pools' peaks in each timed build");
            List<BenchFigure> figures = new ArrayList<>();
            figures.add(BenchFigure.measured("dataset-build vs raw read of the same bytes", rate, raw,
                    rate.value() / raw.value(), Target.atLeast(0.5), "ratio: build MB/s over cat MB/s"));
            figures.addAll(ParseCeiling.figures("dataset-build", rate, ceiling, raw));
            figures.addAll(List.of(
                    BenchFigure.measured("dataset-build vs Python json.load + shuffle + json.dump", oursRecords,
                            pythonRecords, oursRecords.value() / pythonRecords.value(), Target.atLeast(10),
                            "ratio: ours over Python, records/s; " + sameCounts),
                    BenchFigure.measured("dataset-build peak heap", heap,
                            Measure.single(MAX_HEAP_MB, "MiB", "the stage's heap limit (this JVM runs with -Xmx512m)"),
                            heap.value() / MAX_HEAP_MB, Target.atMost(1.0), "ratio: peak heap over 512 MiB")));
            return figures;
        } finally {
            BenchContext.deleteTree(dir);
        }
    }

    /** Both sides computed the same set, or the comparison is void. */
    private static String sameCounts(BuildCounts ours, JsonNode python) {
        long corrupt = ours.corrupt();
        long duplicates = ours.duplicates();
        if (python.path("kept").asLong() != ours.records() || python.path("corrupt").asLong() != corrupt
                || python.path("duplicates").asLong() != duplicates) {
            throw new IllegalStateException("the Python anchor computed another set: " + python + " vs ours "
                    + ours.records() + " kept, " + corrupt + " corrupt, " + duplicates + " duplicates");
        }
        return String.format(Locale.ROOT, "both kept %,d, dropped %,d corrupt and %,d duplicates", ours.records(),
                corrupt, duplicates);
    }
}
