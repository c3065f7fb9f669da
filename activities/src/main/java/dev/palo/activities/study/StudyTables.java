package dev.palo.activities.study;

import dev.palo.activities.evaluate.judge.PythonRound;
import dev.palo.activities.study.StudyReport.Delta;
import dev.palo.activities.study.StudyReport.MeanSd;
import dev.palo.activities.study.StudyReport.MetricTable;
import dev.palo.activities.study.StudyReport.RunFigures;
import dev.palo.workflows.study.StudyMember;
import java.util.ArrayList;
import java.util.List;

/** One metric's table over a study's runs: each arm's mean ± sd per column, and PALO − baseline with its interval. */
final class StudyTables {
    /** Figures are kept to two decimals: the report prints one, and the bytes stay stable. */
    private static final int DECIMALS = 2;

    private StudyTables() {
    }

    static MetricTable table(String metric, String title, boolean primary, List<StudyMember> runs,
                             List<SeedFigures> figures, StudyColumns columns, PairedBootstrap bootstrap) {
        List<int[]> members = columns.members();
        double[][][] perRun = new double[2][figures.size()][];
        for (int r = 0; r < figures.size(); r++) {
            for (int arm = 0; arm < 2; arm++) {
                perRun[arm][r] = columnFigures(figures.get(r), arm, members);
            }
        }
        double[] observed = PairedBootstrap.observed(figures, members);
        List<Interval> intervals = bootstrap.intervals(figures, members);
        List<Delta> delta = new ArrayList<>();
        for (int c = 0; c < members.size(); c++) {
            delta.add(new Delta(round(observed[c]), round(intervals.get(c).low()), round(intervals.get(c).high())));
        }
        List<RunFigures> runFigures = new ArrayList<>();
        for (int r = 0; r < figures.size(); r++) {
            runFigures.add(new RunFigures(runs.get(r).runId(), rounded(perRun[0][r]), rounded(perRun[1][r])));
        }
        return new MetricTable(metric, title, primary, meanSd(perRun[SeedFigures.BASELINE], members.size()),
                meanSd(perRun[SeedFigures.PALO], members.size()), delta, runFigures);
    }

    /** One arm's mean ± sd over the runs per column, without intervals: a row of Table 2. */
    static List<MeanSd> arm(List<SeedFigures> figures, StudyColumns columns, int arm) {
        double[][] perRun = new double[figures.size()][];
        for (int r = 0; r < figures.size(); r++) {
            perRun[r] = columnFigures(figures.get(r), arm, columns.members());
        }
        return meanSd(perRun, columns.members().size());
    }

    /** An arm's figure per column in one run: the mean over the column's languages. */
    private static double[] columnFigures(SeedFigures run, int arm, List<int[]> members) {
        double[] languages = new double[run.languages()];
        for (int l = 0; l < languages.length; l++) {
            languages[l] = run.figure(l, arm);
        }
        double[] columns = new double[members.size()];
        for (int c = 0; c < columns.length; c++) {
            columns[c] = PairedBootstrap.mean(languages, members.get(c));
        }
        return columns;
    }

    /** Per column, the mean over runs and the sample standard deviation (n − 1; null with one run). */
    private static List<MeanSd> meanSd(double[][] runs, int columns) {
        List<MeanSd> values = new ArrayList<>();
        for (int c = 0; c < columns; c++) {
            double sum = 0;
            for (double[] run : runs) {
                sum += run[c];
            }
            double mean = sum / runs.length;
            Double sd = null;
            if (runs.length > 1) {
                double squares = 0;
                for (double[] run : runs) {
                    squares += (run[c] - mean) * (run[c] - mean);
                }
                sd = round(Math.sqrt(squares / (runs.length - 1)));
            }
            values.add(new MeanSd(round(mean), sd));
        }
        return values;
    }

    private static List<Double> rounded(double[] values) {
        List<Double> list = new ArrayList<>();
        for (double value : values) {
            list.add(round(value));
        }
        return list;
    }

    private static double round(double value) {
        return PythonRound.round(value, DECIMALS);
    }
}
