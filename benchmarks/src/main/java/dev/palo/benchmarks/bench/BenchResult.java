package dev.palo.benchmarks.bench;

/**
 * A figure as the table prints it: its row's name and the machine's load around the row.
 *
 * @param row        the row's registered name
 * @param loadBefore {@code /proc/loadavg} (1, 5, 15 min) when the row started
 * @param loadAfter  the same when it ended
 */
public record BenchResult(String row, BenchFigure figure, String loadBefore, String loadAfter) {
}
