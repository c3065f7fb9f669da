package dev.palo.benchmarks.bench;

import java.util.List;

/**
 * One {@code ./palo bench} run: how it was started, on what, and every figure in table order; written as
 * {@code bench.json} in the run's output folder. Times are ISO-8601 instants (UTC).
 */
public record BenchReport(String command, String started, String ended, int processors, boolean quick,
                          int repeats, List<BenchResult> results) {
    public BenchReport {
        results = List.copyOf(results);
    }
}
