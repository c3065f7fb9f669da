package dev.palo.activities.study;

import dev.palo.workflows.study.StudyMember;
import java.util.List;

/**
 * {@code study.json}: a study's figures. Lists only (no maps), so the same figures are the same bytes on every JVM.
 *
 * @param study         the study id
 * @param runs          its runs with their seeds
 * @param resampling    how the intervals were drawn, in words
 * @param resamples     bootstrap resamples
 * @param bootstrapSeed the bootstrap's seed
 * @param level         the intervals' confidence level
 * @param baseline      what the baseline arm is: English only for the recipe's epochs, or step-matched to the PALO arm
 * @param columns       language codes in the registry's order, then Avg.H, Avg.L and Avg. where they average something
 * @param metrics       one table per metric, the primary scorer's first
 * @param table2        the paper's Table 2 per metric, in {@code metrics}' order: the baseline, each single-language
 *                      arm and the combined (PALO) arm; empty for a study without single-language arms
 */
public record StudyReport(String study, List<StudyMember> runs, String resampling, int resamples, long bootstrapSeed,
                          double level, String baseline, List<String> columns, List<MetricTable> metrics,
                          List<ArmsTable> table2) {
    /** A report without Table 2. */
    public StudyReport(String study, List<StudyMember> runs, String resampling, int resamples, long bootstrapSeed,
                       double level, String baseline, List<String> columns, List<MetricTable> metrics) {
        this(study, runs, resampling, resamples, bootstrapSeed, level, baseline, columns, metrics, List.of());
    }

    public StudyReport {
        runs = List.copyOf(runs);
        columns = List.copyOf(columns);
        metrics = List.copyOf(metrics);
        table2 = table2 == null ? List.of() : List.copyOf(table2);
    }

    /**
     * Table 2 of one metric: each arm's mean ± sd over the runs per column.
     *
     * @param metric as in {@link MetricTable#metric()}
     * @param title  as in {@link MetricTable#title()}
     * @param rows   the baseline, one per single-language arm (the target languages' order), the combined arm
     */
    public record ArmsTable(String metric, String title, List<ArmRow> rows) {
        public ArmsTable {
            rows = List.copyOf(rows);
        }
    }

    /**
     * @param arm       {@code baseline}, a target language's code (its single-language arm) or {@code palo}
     * @param trainedOn what the arm was fine-tuned on, in words
     * @param values    per column: mean ± sd over the runs
     */
    public record ArmRow(String arm, String trainedOn, List<MeanSd> values) {
        public ArmRow {
            values = List.copyOf(values);
        }
    }

    /**
     * One metric over the study's runs.
     *
     * @param metric   {@code content}, {@code reference} (chrF), {@code judge} or {@code in_language}
     * @param title    what the figures are, in words
     * @param primary  whether it is the scorer Table 1 reports
     * @param baseline per column: mean ± sd over the runs
     * @param palo     per column: mean ± sd over the runs
     * @param delta    per column: PALO − baseline, mean over the runs with its paired bootstrap interval
     * @param perRun   per run (in {@link StudyReport#runs}' order): both arms' figure per column
     */
    public record MetricTable(String metric, String title, boolean primary, List<MeanSd> baseline, List<MeanSd> palo,
                              List<Delta> delta, List<RunFigures> perRun) {
        public MetricTable {
            baseline = List.copyOf(baseline);
            palo = List.copyOf(palo);
            delta = List.copyOf(delta);
            perRun = List.copyOf(perRun);
        }
    }

    /** A mean over runs and its sample standard deviation (null with a single run). */
    public record MeanSd(double mean, Double sd) {
    }

    /** PALO − baseline: the mean over runs and its interval. */
    public record Delta(double mean, double low, double high) {
    }

    /** One run's figure per column for each arm. */
    public record RunFigures(String run, List<Double> baseline, List<Double> palo) {
        public RunFigures {
            baseline = List.copyOf(baseline);
            palo = List.copyOf(palo);
        }
    }
}
