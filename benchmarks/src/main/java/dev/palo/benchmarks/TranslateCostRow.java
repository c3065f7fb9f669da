package dev.palo.benchmarks;

import dev.palo.benchmarks.bench.BenchContext;
import dev.palo.benchmarks.bench.BenchFigure;
import dev.palo.benchmarks.bench.BenchRow;
import dev.palo.benchmarks.bench.Measure;
import dev.palo.benchmarks.bench.Repeats;
import dev.palo.benchmarks.bench.Target;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * {@code translate-cost}: requests the real translate stage sends for one language beside the distinct strings its
 * source holds, which is what PALO's translate.py sends with its per-process cache. The source repeats its texts as
 * PALO-mini {@code demo}'s does (about a quarter of the pieces distinct), so a stage without a cache would send four
 * times too many.
 */
public final class TranslateCostRow implements BenchRow {
    /** PALO-mini demo's translation source: 412 distinct strings in 1,596 pieces. */
    private static final double DISTINCT_SHARE = 0.26;
    private static final int CAPACITY = 16;

    @Override
    public List<BenchFigure> measure(BenchContext context) throws Exception {
        int records = context.quick() ? 200 : 800;
        Path work = context.scratch("translate-cost");
        TranslateStageRun stage = TranslateStageRun.fromEnvironment(context.env(), work);
        List<TranslateStageRun.Result> runs = new ArrayList<>();
        try (EndpointProcess endpoint = new EndpointProcess(List.of(Long.toString(TranslateRow.LATENCY_MS),
                Integer.toString(CAPACITY), "queue"))) {
            List<Double> requests = Repeats.of(context, index -> {
                TranslateStageRun.Result run = stage.run(endpoint, CAPACITY, records, DISTINCT_SHARE, index);
                runs.add(run);
                return (double) run.requests();
            });
            List<TranslateStageRun.Result> timed = runs.subList(context.warmUps(), runs.size());
            TranslateStageRun.Result last = timed.get(timed.size() - 1);
            Measure ours = Measure.of(requests, "requests", "the translate stage, one language, " + records
                    + " records");
            Measure anchor = Measure.of(timed.stream().map(run -> (double) run.distinct()).toList(), "strings",
                    "distinct strings in the source: what PALO's translate.py sends with its local_cache");
            return List.of(BenchFigure.measured("translate cost: requests vs distinct strings, per language", ours,
                    anchor, ours.value() / anchor.value(), Target.atMost(1.0), String.format(Locale.ROOT,
                            "ratio: requests over distinct strings; one request per piece would be %,d (%.1f× the"
                                    + " distinct strings)", last.pieces(), (double) last.pieces() / last.distinct())));
        } finally {
            stage.close();
            BenchContext.deleteTree(work);
        }
    }
}
