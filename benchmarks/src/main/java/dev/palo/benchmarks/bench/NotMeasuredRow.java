package dev.palo.benchmarks.bench;

import java.util.List;

/** A row of the issue whose anchor is not built yet: the table shows it as not measured, with the reason. */
final class NotMeasuredRow implements BenchRow {
    private final List<String> figures;
    private final Target target;
    private final String reason;

    NotMeasuredRow(List<String> figures, Target target, String reason) {
        this.figures = List.copyOf(figures);
        this.target = target;
        this.reason = reason;
    }

    @Override
    public List<BenchFigure> measure(BenchContext context) {
        return figures.stream().map(figure -> BenchFigure.notMeasured(figure, target, reason)).toList();
    }
}
