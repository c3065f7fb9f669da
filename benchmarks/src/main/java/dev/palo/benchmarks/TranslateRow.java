package dev.palo.benchmarks;

import com.fasterxml.jackson.databind.JsonNode;
import dev.palo.benchmarks.bench.BenchContext;
import dev.palo.benchmarks.bench.BenchFigure;
import dev.palo.benchmarks.bench.BenchRow;
import dev.palo.benchmarks.bench.Measure;
import dev.palo.benchmarks.bench.PythonAnchor;
import dev.palo.benchmarks.bench.Repeats;
import dev.palo.benchmarks.bench.Target;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * {@code translate}: the real translate stage ({@link TranslateStageRun}) against a fixed-latency endpoint capped at
 * C answers at once, in its own JVM, at C = 4, 16 and 32: requests/s beside the endpoint's capacity (C / latency).
 * At C = 32, the same endpoint and records also go through a client that awaits one call per string, as PALO's
 * translate.py does ({@code benchmarks/python/one_call_translate.py}); at 50 ms a call it would take minutes, so it
 * is timed on the first strings of the set and its time scaled to the set's distinct strings (its time per call
 * is flat: one call in flight, always).
 */
public final class TranslateRow implements BenchRow {
    static final long LATENCY_MS = 50;
    private static final int[] CAPACITIES = {4, 16, 32};

    @Override
    public List<BenchFigure> measure(BenchContext context) throws Exception {
        int recordsPerSlot = context.quick() ? 40 : 100;
        int sampleRequests = context.quick() ? 60 : 200;
        Path work = context.scratch("translate");
        TranslateStageRun stage = TranslateStageRun.fromEnvironment(context.env(), work);
        List<BenchFigure> figures = new ArrayList<>();
        try {
            for (int capacity : CAPACITIES) {
                double capacityPerSecond = capacity * 1000.0 / LATENCY_MS;
                try (EndpointProcess endpoint = new EndpointProcess(List.of(Long.toString(LATENCY_MS),
                        Integer.toString(capacity), "queue"))) {
                    List<TranslateStageRun.Result> runs = new ArrayList<>();
                    List<Double> rates = Repeats.of(context, index -> {
                        TranslateStageRun.Result run = stage.run(endpoint, capacity, recordsPerSlot * capacity, 1.0,
                                index);
                        runs.add(run);
                        return run.requests() / run.seconds();
                    });
                    TranslateStageRun.Result last = runs.get(runs.size() - 1);
                    String set = String.format(Locale.ROOT, "%,d records, %,d strings", last.english().size(),
                            last.distinct());
                    Measure ours = Measure.of(rates, "requests/s", "the translate stage (store, chunks, MLflow), "
                            + set + ", client concurrency " + Math.round(Math.ceil(capacity
                            * TranslateStageRun.CLIENT_FACTOR)));
                    Measure anchor = Measure.single(capacityPerSecond, "requests/s", String.format(Locale.ROOT,
                            "the endpoint's capacity: %d answers at once, %d ms each, in its own JVM", capacity,
                            LATENCY_MS));
                    figures.add(BenchFigure.measured("translate at C = " + capacity + " vs the endpoint's capacity",
                            ours, anchor, ours.value() / anchor.value(), Target.atLeast(0.95),
                            "ratio: requests/s over capacity"));
                    if (capacity == CAPACITIES[CAPACITIES.length - 1]) {
                        figures.add(oneCallAtATime(context, endpoint, work, runs, sampleRequests));
                    }
                }
            }
        } finally {
            stage.close();
            BenchContext.deleteTree(work);
        }
        return figures;
    }

    /** The stage's wall time beside the one-call client's on the last run's records, same endpoint. */
    private static BenchFigure oneCallAtATime(BenchContext context, EndpointProcess endpoint, Path work,
                                              List<TranslateStageRun.Result> runs, int sampleRequests)
            throws Exception {
        TranslateStageRun.Result last = runs.get(runs.size() - 1);
        Path file = work.resolve("english.json");
        SyntheticInstructions.write(last.english(), file);
        JsonNode[] sample = {null};
        List<Double> scaled = Repeats.of(context, index -> {
            sample[0] = PythonAnchor.run(context.python(), context.script("one_call_translate.py"), List.of(
                    "--url", endpoint.baseUrl(), "--language", TranslateStageBenchmark.NAMES.get(
                            TranslateStageRun.LANGUAGE), "--file", file.toString(), "--limit-requests",
                    Integer.toString(sampleRequests)));
            return sample[0].path("seconds").asDouble() / sample[0].path("requests").asDouble()
                    * sample[0].path("distinct").asDouble();
        });
        List<Double> stageSeconds = runs.subList(context.warmUps(), runs.size()).stream()
                .map(TranslateStageRun.Result::seconds).toList();
        Measure ours = Measure.of(stageSeconds, "s", "the translate stage's wall time at C = 32, "
                + last.english().size() + " records");
        Measure anchor = Measure.of(scaled, "s", String.format(Locale.ROOT, "one awaited call per distinct string"
                        + " (benchmarks/python/one_call_translate.py), timed on %d of the %d strings and scaled to them",
                sample[0].path("requests").asInt(), sample[0].path("distinct").asInt()));
        return BenchFigure.measured("translate at C = 32 vs one call at a time (PALO's translate.py)", ours, anchor,
                anchor.value() / ours.value(), Target.atLeast(20), "ratio: the one-call client's wall time over the"
                        + " stage's (how many times faster)");
    }
}
