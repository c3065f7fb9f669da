package dev.palo.benchmarks.bench;

/**
 * One line of the table: this project's figure beside its anchor's, their ratio and the target the ratio must meet.
 * A figure that could not be taken carries no measures and says why in {@code note}: never a made-up number.
 *
 * @param figure what is compared, e.g. "dataset-build vs raw read"
 * @param ours   this project's measure; null when not measured
 * @param anchor the anchor's measure; null when not measured
 * @param ratio  how ours compares to the anchor, in the sense the target reads (see the row); null when not measured
 * @param target what the ratio must reach; null for a row that failed before it named its figures, and for a context
 *               figure, which explains another figure (a practical ceiling) and has no target of its own
 * @param note   how the ratio reads, the inputs, or why the figure is not measured
 */
public record BenchFigure(String figure, Measure ours, Measure anchor, Double ratio, Target target, String note) {
    public static BenchFigure measured(String figure, Measure ours, Measure anchor, double ratio, Target target,
                                       String note) {
        return new BenchFigure(figure, ours, anchor, ratio, target, note);
    }

    /** A measured figure without a target of its own: it explains another (e.g. the parse ceiling beside a raw read). */
    public static BenchFigure context(String figure, Measure ours, Measure anchor, double ratio, String note) {
        return new BenchFigure(figure, ours, anchor, ratio, null, note);
    }

    public static BenchFigure notMeasured(String figure, Target target, String reason) {
        return new BenchFigure(figure, null, null, null, target, "not measured: " + reason);
    }

    /** True or false once measured; null when not measured or when the figure has no target. */
    public Boolean met() {
        return ratio == null || target == null ? null : target.met(ratio);
    }
}
