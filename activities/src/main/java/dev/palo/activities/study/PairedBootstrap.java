package dev.palo.activities.study;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * PALO − baseline over a study's runs with a two-stage paired bootstrap: each resample draws the runs (seeds) with
 * replacement, then, within each drawn run, the bench questions with replacement; both arms are scored on the same
 * drawn questions of the same drawn run (paired by seed and by question), and every language of the run on the same
 * draw where it has as many questions (PALO-mini asks the same questions in every language). A column's statistic is
 * the mean over the drawn runs of the mean over its languages of PALO's figure minus the baseline's; its interval
 * the 2.5th and 97.5th percentiles of the resampled statistic (linear interpolation, numpy's default). The random
 * numbers come from a seeded {@link SplittableRandom}, whose algorithm Java specifies: the same figures and seed give
 * the same interval on every JVM.
 */
public final class PairedBootstrap {
    public static final double LEVEL = 0.95;

    private final int resamples;
    private final long seed;

    public PairedBootstrap(int resamples, long seed) {
        if (resamples < 2) {
            throw new IllegalArgumentException("a bootstrap needs at least 2 resamples, got " + resamples);
        }
        this.resamples = resamples;
        this.seed = seed;
    }

    /** The observed statistic of each column (every run once, every question once). */
    public static double[] observed(List<SeedFigures> runs, List<int[]> columns) {
        double[] sums = new double[columns.size()];
        for (SeedFigures run : runs) {
            double[] deltas = new double[run.languages()];
            for (int l = 0; l < deltas.length; l++) {
                deltas[l] = run.figure(l, SeedFigures.PALO) - run.figure(l, SeedFigures.BASELINE);
            }
            add(sums, deltas, columns);
        }
        return divide(sums, runs.size());
    }

    /** The {@link #LEVEL} percentile interval of each column's statistic. */
    public List<Interval> intervals(List<SeedFigures> runs, List<int[]> columns) {
        if (runs.isEmpty()) {
            throw new IllegalArgumentException("a bootstrap needs at least one run");
        }
        SplittableRandom random = new SplittableRandom(seed);
        double[][] replicates = new double[columns.size()][resamples];
        for (int r = 0; r < resamples; r++) {
            double[] sums = new double[columns.size()];
            for (int slot = 0; slot < runs.size(); slot++) {
                add(sums, deltas(runs.get(random.nextInt(runs.size())), random), columns);
            }
            double[] statistic = divide(sums, runs.size());
            for (int c = 0; c < columns.size(); c++) {
                replicates[c][r] = statistic[c];
            }
        }
        List<Interval> intervals = new ArrayList<>();
        double tail = (1 - LEVEL) / 2;
        for (double[] column : replicates) {
            Arrays.sort(column);
            intervals.add(new Interval(percentile(column, tail), percentile(column, 1 - tail)));
        }
        return intervals;
    }

    /** PALO − baseline per language of one drawn run, on one draw of its questions. */
    private static double[] deltas(SeedFigures run, SplittableRandom random) {
        Map<Integer, int[]> draws = new HashMap<>();
        double[] deltas = new double[run.languages()];
        for (int l = 0; l < deltas.length; l++) {
            // drawn in language order, so the random stream is used the same way every time
            int[] picked = draws.computeIfAbsent(run.questions(l), n -> draw(n, random));
            deltas[l] = run.figure(l, SeedFigures.PALO, picked) - run.figure(l, SeedFigures.BASELINE, picked);
        }
        return deltas;
    }

    private static int[] draw(int n, SplittableRandom random) {
        int[] picked = new int[n];
        for (int i = 0; i < n; i++) {
            picked[i] = random.nextInt(n);
        }
        return picked;
    }

    private static void add(double[] sums, double[] deltas, List<int[]> columns) {
        for (int c = 0; c < columns.size(); c++) {
            sums[c] += mean(deltas, columns.get(c));
        }
    }

    /** The mean of {@code values} at the given indices. */
    static double mean(double[] values, int[] at) {
        double sum = 0;
        for (int i : at) {
            sum += values[i];
        }
        return sum / at.length;
    }

    private static double[] divide(double[] sums, int n) {
        double[] means = new double[sums.length];
        for (int c = 0; c < sums.length; c++) {
            means[c] = sums[c] / n;
        }
        return means;
    }

    /** The {@code p} quantile of sorted values, interpolated linearly between order statistics (numpy's default). */
    static double percentile(double[] sorted, double p) {
        double h = (sorted.length - 1) * p;
        int below = (int) Math.floor(h);
        int above = Math.min(below + 1, sorted.length - 1);
        return sorted[below] + (h - below) * (sorted[above] - sorted[below]);
    }
}
