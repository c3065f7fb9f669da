package dev.palo.benchmarks.bench;

import java.util.List;

/**
 * One comparison of {@code ./palo bench}: it prepares its inputs, times this project's code and the anchor on them
 * side by side (warm-up first, then at least three repeats each), and returns its table lines. Each row is a class
 * of its own, registered by name in {@link BenchRegistry}.
 */
public interface BenchRow {
    /** The figures, in table order. A row that cannot run returns them as {@link BenchFigure#notMeasured}. */
    List<BenchFigure> measure(BenchContext context) throws Exception;
}
