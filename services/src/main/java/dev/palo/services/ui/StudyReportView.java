package dev.palo.services.ui;

import dev.palo.activities.evaluate.report.Table1;
import dev.palo.activities.study.StudyReport;
import dev.palo.activities.study.StudyReport.ArmRow;
import dev.palo.activities.study.StudyReport.ArmsTable;
import dev.palo.activities.study.StudyReport.Delta;
import dev.palo.activities.study.StudyReport.MeanSd;
import dev.palo.activities.study.StudyReport.MetricTable;
import dev.palo.data.lang.Language;
import dev.palo.data.lang.LanguageRegistry;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * A completed study's report ({@code study.json}) as its page shows it, for a reader who is not an engineer: per metric,
 * Table 1's layout with each arm's mean ± sd over the runs and PALO − baseline with its paired bootstrap interval,
 * each difference marked by what its interval says (higher, lower, or not told apart from no difference), and in words
 * which scorer made the table and what the interval means.
 *
 * @param runs     how many runs (seeds) the figures are over
 * @param seeds    the seeds, in words ({@code fine-tune seeds 42, 43 × data seeds 7})
 * @param baseline what the baseline arm is, in words
 * @param interval what the intervals mean and how they were drawn, in words
 * @param columns  each column's name and what it is
 * @param tables   one per metric, the primary scorer's first
 * @param table2   the paper's Table 2 per metric (baseline, single-language arms, combined); empty where the study ran
 *                 no single-language arms
 */
public record StudyReportView(int runs, String seeds, String baseline, String interval, List<Column> columns,
                              List<Table> tables, List<Table> table2) {
    /** Marks of a difference, by where its interval lies (the cell's CSS class). */
    static final String HIGHER = "higher";
    static final String LOWER = "lower";
    static final String UNCLEAR = "unclear";
    private static final LanguageRegistry LANGUAGES = LanguageRegistry.palo();
    private static final String BASELINE = "baseline";
    private static final String PALO = "PALO";

    public StudyReportView {
        columns = List.copyOf(columns);
        tables = List.copyOf(tables);
        table2 = List.copyOf(table2);
    }

    /** @param title what the column is: a language's name, or which languages an average is over */
    public record Column(String name, String title) {
    }

    /**
     * @param metric   the report's metric key ({@code content}, {@code reference}, {@code judge}, {@code in_language})
     * @param title    the report's own title of the metric (which scorer made it)
     * @param primary  whether it is the study's Table 1 (the run's primary scorer)
     * @param meaning  what the figures measure, in plain words
     */
    public record Table(String metric, String title, boolean primary, String meaning, List<Row> rows) {
        public Table {
            rows = List.copyOf(rows);
        }
    }

    /**
     * @param kind      baseline, palo, delta, or single (a single-language arm of Table 2): the row's CSS class
     * @param trainedOn what the arm was fine-tuned on (Table 2); empty in Table 1
     */
    public record Row(String label, String kind, String trainedOn, List<Cell> cells) {
        public Row {
            cells = List.copyOf(cells);
        }
    }

    /** @param mark {@link #HIGHER}, {@link #LOWER}, {@link #UNCLEAR} for a difference; empty for an arm's figure */
    public record Cell(String text, String mark) {
    }

    public static StudyReportView of(StudyReport report) {
        List<Table> tables = new ArrayList<>();
        for (MetricTable metric : report.metrics()) {
            List<Row> rows = List.of(
                    new Row(BASELINE, "baseline", "", metric.baseline().stream().map(StudyReportView::meanSd).toList()),
                    new Row(PALO, "palo", "", metric.palo().stream().map(StudyReportView::meanSd).toList()),
                    new Row(Table1.DELTA.replace("palo", PALO), "delta", "",
                            metric.delta().stream().map(StudyReportView::delta).toList()));
            tables.add(new Table(metric.metric(), metric.title(), metric.primary(), meaning(metric.metric()), rows));
        }
        List<Table> table2 = new ArrayList<>();
        for (int m = 0; m < report.table2().size(); m++) {
            ArmsTable arms = report.table2().get(m);
            List<Row> rows = arms.rows().stream().map(StudyReportView::armRow).toList();
            table2.add(new Table(arms.metric(), arms.title(), m == 0, meaning(arms.metric()), rows));
        }
        return new StudyReportView(report.runs().size(), seeds(report), report.baseline(), interval(report),
                report.columns().stream().map(StudyReportView::column).toList(), tables, table2);
    }

    /** A row of Table 2: the paper names an arm by its data (665K-English, 150K-Arabic, Combined). */
    private static Row armRow(ArmRow row) {
        String label = switch (row.arm()) {
            case "baseline" -> BASELINE;
            case "palo" -> "combined (PALO)";
            default -> LANGUAGES.find(row.arm()).map(Language::name).orElse(row.arm()) + " only";
        };
        String kind = switch (row.arm()) {
            case "baseline" -> "baseline";
            case "palo" -> "palo";
            default -> "single";
        };
        return new Row(label, kind, row.trainedOn(), row.values().stream().map(StudyReportView::meanSd).toList());
    }

    static Cell meanSd(MeanSd value) {
        return new Cell(format("%.1f", value.mean()) + (value.sd() == null ? "" : " ± " + format("%.1f", value.sd())),
                "");
    }

    static Cell delta(Delta value) {
        String mark = value.low() > 0 ? HIGHER : value.high() < 0 ? LOWER : UNCLEAR;
        return new Cell(format("%+.1f", value.mean()) + " [" + format("%+.1f", value.low()) + ", "
                + format("%+.1f", value.high()) + "]", mark);
    }

    /** A reader's sentence on what the intervals mean, then how they were drawn. */
    static String interval(StudyReport report) {
        int level = (int) Math.round(report.level() * 100);
        return String.format(Locale.ROOT, "The brackets are a %d %% confidence interval for PALO − baseline: the range"
                + " the true difference most likely lies in, given how much the figures move from one training seed to"
                + " another and from one set of bench questions to another. Where the whole interval is above 0"
                + " (green), PALO scored higher than the baseline by more than that chance explains; below 0 (red), lower;"
                + " where it includes 0 (grey), this study cannot tell the two apart. It is a paired bootstrap: %s,"
                + " %,d times (seed %d), keeping the %d %% of differences in the middle.", level, report.resampling(),
                report.resamples(), report.bootstrapSeed(), level);
    }

    /** What a metric measures, in words a reviewer reads without the code. */
    static String meaning(String metric) {
        return switch (metric) {
            case "content" -> "What each answer states about the picture (colours, shapes, sizes, positions, counts),"
                    + " checked against the scene the question is about, whatever language the answer is written in."
                    + " 100 is as good as the reference answer; 10 means no correct fact.";
            case "reference" -> "How close each answer's wording is to the reference answer in the question's"
                    + " language (chrF, 10 to 100). It rewards answering in the question's language as much as answering"
                    + " correctly.";
            case "judge" -> "An LLM judge's score of each answer against the reference answer, as LLaVA's protocol asks"
                    + " (100 is as good as the reference).";
            case "in_language" -> "The share of answers (%) written in the language the question was asked in, as the"
                    + " language identifier (Lingua) reads them.";
            default -> "";
        };
    }

    private static Column column(String name) {
        return switch (name) {
            case Table1.AVG_HIGH -> new Column(name, "average over the high-resource languages");
            case Table1.AVG_LOW -> new Column(name, "average over the low-resource languages");
            case Table1.AVG -> new Column(name, "average over every language");
            default -> new Column(name, LANGUAGES.find(name).map(Language::name).orElse(name));
        };
    }

    private static String seeds(StudyReport report) {
        return "fine-tune seeds " + distinct(report, true) + " × data seeds " + distinct(report, false);
    }

    private static String distinct(StudyReport report, boolean finetune) {
        return report.runs().stream().map(m -> finetune ? m.finetuneSeed() : m.dataSeed()).distinct()
                .map(String::valueOf).collect(Collectors.joining(", "));
    }

    private static String format(String pattern, double value) {
        return String.format(Locale.ROOT, pattern, value);
    }
}
