package dev.palo.activities.study;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The bootstrap against its exact distribution, enumerated independently. Two runs of two questions each have 2² run
 * draws × 4² question draws = 64 equally likely resamples, so the exact 2.5th and 97.5th percentiles are known; each
 * expected bound below sits on a value whose cumulative probability is at least 0.009 away from 2.5 % / 97.5 % on
 * both sides, so 50,000 seeded resamples (standard error of a cumulative share there: 0.0007) land on it exactly.
 * The expected values were computed by this Python 3 script (exact enumeration, no sampling), whose output is pasted
 * beside each assertion:
 * <pre>
 * from itertools import product
 * def figure(num, den, picked):
 *     return 100 * sum(num[q] for q in picked) / sum(den[q] for q in picked)
 * def enumerate_case(runs, columns):   # runs: [language: (baseline num, den, palo num, den)]
 *     k = len(runs); n = len(runs[0][0][0]); picks = list(product(range(n), repeat=n)); dist = {}
 *     for seeds in product(range(k), repeat=k):
 *         for draws in product(picks, repeat=k):
 *             for c, cols in enumerate(columns):
 *                 total = 0
 *                 for slot in range(k):
 *                     run = runs[seeds[slot]]
 *                     d = [figure(run[l][2], run[l][3], draws[slot]) - figure(run[l][0], run[l][1], draws[slot])
 *                          for l in range(len(run))]
 *                     total += sum(d[i] for i in cols) / len(cols)
 *                 v = round(total / k, 9); dist.setdefault(c, {}); dist[c][v] = dist[c].get(v, 0) + 1
 *     count = k ** k * len(picks) ** k
 *     for c in sorted(dist):
 *         cum = 0; lo = hi = None
 *         for v in sorted(dist[c]):
 *             before = cum; cum += dist[c][v]
 *             if lo is None and cum / count >= 0.025: lo = (v, before / count, cum / count)
 *             if hi is None and cum / count >= 0.975: hi = (v, before / count, cum / count)
 *         print("column", c, "interval", lo[0], hi[0], "F around low", lo[1:], "F around high", hi[1:])
 * </pre>
 */
class PairedBootstrapTest {
    private static final PairedBootstrap BOOTSTRAP = new PairedBootstrap(50_000, 14);

    /** One language; figures are plain means (denominators 1), so the example can be checked by hand too. */
    @Test
    void intervalOfOneLanguageIsTheExactBootstrapPercentiles() {
        // run A: PALO − baseline per question 30 and 20; run B: 0 and 50
        List<SeedFigures> runs = List.of(
                run(new double[][] {{0.2, 0.4}}, ones(1), new double[][] {{0.5, 0.6}}, ones(1)),
                run(new double[][] {{0.3, 0.1}}, ones(1), new double[][] {{0.3, 0.6}}, ones(1)));
        List<int[]> columns = List.of(new int[] {0});

        // by hand: a drawn run gives A {20: 1/4, 25: 1/2, 30: 1/4} or B {0: 1/4, 25: 1/2, 50: 1/4}, so one slot is
        // {0, 20, 30, 50: 1/8 each; 25: 1/2}; the mean of two slots is 0 with p 1/64 and 10 with p 2/64 (F(10) =
        // 3/64 > 2.5 %), 50 with p 1/64 and 40 with p 2/64: the interval is [10, 40].
        // Python: column 0 interval 10.0 40.0 F around low (0.015625, 0.046875) F around high (0.953125, 0.984375)
        Interval interval = BOOTSTRAP.intervals(runs, columns).get(0);
        assertEquals(10.0, interval.low(), 1e-9);
        assertEquals(40.0, interval.high(), 1e-9);
        assertArrayEquals(new double[] {25.0}, PairedBootstrap.observed(runs, columns), 1e-9);
    }

    /** Two languages drawn together, pooled ratios (LLaVA's relative score), and their average as a column. */
    @Test
    void intervalsOfLanguagesAndTheirAverageAreTheExactBootstrapPercentiles() {
        List<SeedFigures> runs = List.of(
                run(new double[][] {{6, 2}, {1, 3}}, new double[][] {{10, 10}, {10, 5}},
                        new double[][] {{8, 5}, {4, 4}}, new double[][] {{10, 10}, {10, 5}}),
                run(new double[][] {{5, 5}, {2, 2}}, new double[][] {{10, 10}, {5, 10}},
                        new double[][] {{9, 4}, {2, 5}}, new double[][] {{10, 10}, {5, 10}}));
        List<int[]> columns = List.of(new int[] {0}, new int[] {1}, new int[] {0, 1});

        List<Interval> intervals = BOOTSTRAP.intervals(runs, columns);
        // Python: column 0 interval 2.5 35.0 F around low (0.015625, 0.078125) F around high (0.953125, 0.984375)
        assertEquals(2.5, intervals.get(0).low(), 1e-9);
        assertEquals(35.0, intervals.get(0).high(), 1e-9);
        // Python: column 1 interval 10.0 30.0 F around low (0.015625, 0.109375) F around high (0.9375, 1.0)
        assertEquals(10.0, intervals.get(1).low(), 1e-9);
        assertEquals(30.0, intervals.get(1).high(), 1e-9);
        // Python: column 2 interval 13.75 25.833333333 F around low (0.015625, 0.078125) F around high (0.9375, 1.0)
        assertEquals(13.75, intervals.get(2).low(), 1e-9);
        assertEquals(25.833333333, intervals.get(2).high(), 1e-8);
        // every run and question once: A 25 and 26.67, B 15 and 20 (Python, the same figure function)
        assertArrayEquals(new double[] {20.0, 23.333333333, 21.666666667},
                PairedBootstrap.observed(runs, columns), 1e-8);
    }

    @Test
    void theSameSeedGivesTheSameIntervals() {
        List<SeedFigures> runs = List.of(
                run(new double[][] {{1, 2, 3}}, new double[][] {{3, 3, 3}}, new double[][] {{2, 2, 3}},
                        new double[][] {{3, 3, 3}}));
        List<int[]> columns = List.of(new int[] {0});
        assertEquals(new PairedBootstrap(1_000, 7).intervals(runs, columns),
                new PairedBootstrap(1_000, 7).intervals(runs, columns));
    }

    @Test
    void percentileInterpolatesAsNumpyDoes() {
        // numpy.percentile([1, 2, 3, 4], [2.5, 97.5]) (method "linear"): h = (n − 1)·p = 0.075 and 2.925, so 1 + 0.075
        // and 3 + 0.925
        double[] sorted = {1, 2, 3, 4};
        assertEquals(1.075, PairedBootstrap.percentile(sorted, 0.025), 1e-12);
        assertEquals(3.925, PairedBootstrap.percentile(sorted, 0.975), 1e-12);
    }

    private static SeedFigures run(double[][] baselineNum, double[][] baselineDen, double[][] paloNum,
                                   double[][] paloDen) {
        double[][][] numerators = new double[baselineNum.length][][];
        double[][][] denominators = new double[baselineNum.length][][];
        for (int l = 0; l < baselineNum.length; l++) {
            numerators[l] = new double[][] {baselineNum[l], paloNum[l]};
            denominators[l] = new double[][] {baselineDen[l], paloDen[l]};
        }
        return new SeedFigures(numerators, denominators);
    }

    private static double[][] ones(int languages) {
        double[][] ones = new double[languages][];
        for (int l = 0; l < languages; l++) {
            ones[l] = new double[] {1, 1};
        }
        return ones;
    }
}
