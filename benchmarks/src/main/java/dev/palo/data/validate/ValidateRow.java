package dev.palo.data.validate;

import dev.palo.benchmarks.bench.BenchContext;
import dev.palo.benchmarks.bench.BenchFigure;
import dev.palo.benchmarks.bench.BenchRow;
import dev.palo.benchmarks.bench.Measure;
import dev.palo.benchmarks.bench.ParseCeiling;
import dev.palo.benchmarks.bench.RawRead;
import dev.palo.benchmarks.bench.Repeats;
import dev.palo.benchmarks.bench.Target;
import dev.palo.data.lang.LanguageRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * {@code validate}: streaming validation ({@link LlavaValidator}: decoding, record checks, the accepted file and the
 * quarantine written) of {@link ValidationBenchmark}'s synthetic LLaVA-665K-sized file (a fifth of it with
 * {@code --quick}) beside a raw read of the same bytes ({@code cat}) and, for context, beside Jackson's streaming
 * parse of them ({@link ParseCeiling}). Images are not checked (no image root).
 */
public final class ValidateRow implements BenchRow {
    @Override
    public List<BenchFigure> measure(BenchContext context) throws Exception {
        int records = context.quick() ? 133_000 : 665_000;
        Path dir = context.scratch("validate");
        try {
            Path input = dir.resolve("synthetic-llava.json");
            ValidationBenchmark.writeSyntheticFile(input, records, new Random(665));
            long bytes = Files.size(input);
            LlavaValidator validator = new LlavaValidator(new ValidationConfig(null,
                    ValidationConfig.DEFAULT_MAX_RECORD_BYTES, LanguageRegistry.palo()));
            List<Double> seconds = Repeats.of(context, index -> {
                long start = System.nanoTime();
                ValidationResult result = validator.validate(input, dir.resolve("accepted.json"),
                        dir.resolve("quarantine.jsonl"), ValidationListener.NONE);
                double took = Repeats.secondsSince(start);
                if (result.records() != records) {
                    throw new IllegalStateException("validated " + result.records() + " of " + records + " records");
                }
                return took;
            });
            String what = String.format(Locale.ROOT, "LlavaValidator, %,d records (1 in 500 bad), %,d MB, accepted"
                    + " file and quarantine written", records, bytes / 1_000_000);
            Measure ours = Measure.of(seconds.stream().map(s -> bytes / 1e6 / s).toList(), "MB/s", what);
            Measure raw = RawRead.rate(context, List.of(input), bytes);
            // Jackson stops at the first malformed UTF-8, so the ceiling reads the same records with none spoiled
            Path intact = dir.resolve("synthetic-llava-intact.json");
            ValidationBenchmark.writeSyntheticFile(intact, records, new Random(665), false);
            Measure parse = ParseCeiling.rate(context, List.of(intact), Files.size(intact));
            Measure ceiling = new Measure(parse.value(), parse.unit(), parse.samples(), parse.what()
                    + ": the same records with the 1 in 500 bad ones left intact (Jackson stops at malformed UTF-8)");
            List<BenchFigure> figures = new ArrayList<>();
            figures.add(BenchFigure.measured("validate vs raw read of the same bytes", ours, raw,
                    ours.value() / raw.value(), Target.atLeast(0.5), "ratio: validation MB/s over cat MB/s"));
            figures.addAll(ParseCeiling.figures("validate", ours, ceiling, raw));
            return figures;
        } finally {
            BenchContext.deleteTree(dir);
        }
    }
}
