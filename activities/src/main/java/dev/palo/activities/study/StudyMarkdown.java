package dev.palo.activities.study;

import dev.palo.activities.evaluate.report.Table1;
import dev.palo.activities.study.StudyReport.ArmRow;
import dev.palo.activities.study.StudyReport.ArmsTable;
import dev.palo.activities.study.StudyReport.Delta;
import dev.palo.activities.study.StudyReport.MeanSd;
import dev.palo.activities.study.StudyReport.MetricTable;
import dev.palo.workflows.study.StudyMember;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * A study as Markdown: per metric, Table 1's layout with each arm's mean ± sd over the runs and the PALO − baseline
 * row with its paired bootstrap interval; then the paper's Table 2 where the study ran single-language arms; then each
 * run's Avg. columns.
 */
final class StudyMarkdown {
    private StudyMarkdown() {
    }

    static String render(StudyReport report) {
        StringBuilder out = new StringBuilder();
        out.append("## Study ").append(report.study()).append(": ").append(report.runs().size()).append(" runs (fine-tune"
                + " seeds ").append(seeds(report.runs(), true)).append(" × data seeds ").append(seeds(report.runs(), false))
                .append(")\n\nBaseline arm: ").append(report.baseline()).append(".\n");
        out.append(String.format(Locale.ROOT, "Each arm: mean ± sd over the runs. %s: mean over the runs [%.0f %% paired"
                        + " bootstrap CI; %s; %,d resamples, seed %d].%n",
                Table1.DELTA, report.level() * 100, report.resampling(), report.resamples(), report.bootstrapSeed()));
        for (MetricTable metric : report.metrics()) {
            out.append("\n### ").append(metric.title()).append(metric.primary() ? " (primary scorer)" : "").append("\n\n");
            header(out, report.columns());
            out.append("| baseline |").append(meanSd(metric.baseline())).append('\n');
            out.append("| palo |").append(meanSd(metric.palo())).append('\n');
            out.append("| ").append(Table1.DELTA).append(" |").append(deltas(metric.delta())).append('\n');
        }
        for (ArmsTable table : report.table2()) {
            out.append("\n### Table 2 · ").append(table.title()).append(": single-language arms\n\n")
                    .append("Each arm: mean ± sd over the runs.\n\n");
            out.append("| Arm | trained on |");
            report.columns().forEach(column -> out.append(' ').append(column).append(" |"));
            out.append("\n|---|---|").append("---:|".repeat(report.columns().size())).append('\n');
            for (ArmRow row : table.rows()) {
                out.append("| ").append(row.arm()).append(" | ").append(row.trainedOn()).append(" |")
                        .append(meanSd(row.values())).append('\n');
            }
        }
        out.append("\n### Each run (").append(report.metrics().get(0).title()).append(")\n\n| Run | fine-tune seed |"
                + " data seed | arm |");
        List<Integer> averages = averageColumns(report.columns());
        averages.forEach(c -> out.append(' ').append(report.columns().get(c)).append(" |"));
        out.append("\n|---|---:|---:|---|").append("---:|".repeat(averages.size())).append('\n');
        MetricTable primary = report.metrics().get(0);
        for (int r = 0; r < report.runs().size(); r++) {
            StudyMember member = report.runs().get(r);
            for (String arm : List.of("baseline", "palo")) {
                List<Double> values = arm.equals("baseline") ? primary.perRun().get(r).baseline()
                        : primary.perRun().get(r).palo();
                out.append("| ").append(member.runId()).append(" | ").append(member.finetuneSeed()).append(" | ")
                        .append(member.dataSeed()).append(" | ").append(arm).append(" |");
                averages.forEach(c -> out.append(' ').append(format("%.1f", values.get(c))).append(" |"));
                out.append('\n');
            }
        }
        return out.toString();
    }

    private static void header(StringBuilder out, List<String> columns) {
        out.append("| Model |");
        columns.forEach(column -> out.append(' ').append(column).append(" |"));
        out.append("\n|---|").append("---:|".repeat(columns.size())).append('\n');
    }

    private static String meanSd(List<MeanSd> values) {
        return values.stream().map(v -> " " + format("%.1f", v.mean())
                + (v.sd() == null ? "" : " ± " + format("%.1f", v.sd())) + " |").collect(Collectors.joining());
    }

    private static String deltas(List<Delta> values) {
        return values.stream().map(d -> " " + format("%+.1f", d.mean()) + " [" + format("%+.1f", d.low()) + ", "
                + format("%+.1f", d.high()) + "] |").collect(Collectors.joining());
    }

    /** The Avg. columns, or every column where there are none. */
    private static List<Integer> averageColumns(List<String> columns) {
        List<Integer> averages = java.util.stream.IntStream.range(0, columns.size())
                .filter(c -> columns.get(c).startsWith("Avg")).boxed().toList();
        return averages.isEmpty() ? java.util.stream.IntStream.range(0, columns.size()).boxed().toList() : averages;
    }

    private static String seeds(List<StudyMember> runs, boolean finetune) {
        return runs.stream().map(m -> finetune ? m.finetuneSeed() : m.dataSeed()).distinct().map(String::valueOf)
                .collect(Collectors.joining(", "));
    }

    private static String format(String pattern, double value) {
        return String.format(Locale.ROOT, pattern, value);
    }
}
