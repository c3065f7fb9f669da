package dev.palo.activities.study;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.palo.activities.study.StudyReport.MetricTable;
import dev.palo.data.lang.LanguageRegistry;
import dev.palo.workflows.study.StudyMember;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Each arm's mean ± sd over runs per column, the delta row, the Markdown and the MLflow metric names. */
class StudyTablesTest {
    private static final List<StudyMember> RUNS = List.of(new StudyMember(42, 7, "s-ft42-data7"),
            new StudyMember(43, 7, "s-ft43-data7"));

    @Test
    void armsAreMeanAndSampleSdOverRunsAndTheDeltaIsPairedPerRun() {
        StudyColumns columns = StudyColumns.of(List.of(LanguageRegistry.palo().get("en"),
                LanguageRegistry.palo().get("ar")));
        assertEquals(List.of("en", "ar", "Avg.H", "Avg.L", "Avg."), columns.names());
        // en: baseline 40 / 60 in the two runs, PALO 50 / 50; ar: baseline 10 / 10, PALO 30 / 50 (one question each)
        List<SeedFigures> figures = List.of(run(0.4, 0.5, 0.1, 0.3), run(0.6, 0.5, 0.1, 0.5));
        MetricTable table = StudyTables.table("content", "Content", true, RUNS, figures, columns,
                new PairedBootstrap(1_000, 14));

        assertEquals(50.0, table.baseline().get(0).mean());
        assertEquals(14.14, table.baseline().get(0).sd()); // sd of 40 and 60: 10·√2
        assertEquals(40.0, table.palo().get(1).mean());
        assertEquals(14.14, table.palo().get(1).sd());
        assertEquals(0.0, table.delta().get(0).mean());
        assertEquals(30.0, table.delta().get(1).mean());
        assertEquals(15.0, table.delta().get(4).mean()); // Avg.: (0 + 30) / 2
        // one question per run: the only randomness is which runs are drawn (ar: 20 or 40 each)
        assertEquals(20.0, table.delta().get(1).low());
        assertEquals(40.0, table.delta().get(1).high());
        assertEquals(List.of(40.0, 10.0, 40.0, 10.0, 25.0), table.perRun().get(0).baseline());

        StudyReport report = new StudyReport("s", RUNS, "runs then questions", 1_000, 14, 0.95,
                StudyActivitiesImpl.STEP_MATCHED, columns.names(), List.of(table));
        String markdown = StudyMarkdown.render(report);
        assertTrue(markdown.contains("| baseline | 50.0 ± 14.1 | 10.0 ± 0.0 |"), markdown);
        assertTrue(markdown.contains("Baseline arm: English only, step-matched"), markdown);
        assertTrue(markdown.contains("| palo − baseline | +0.0 ["), markdown);
        assertTrue(markdown.contains("| +30.0 [+20.0, +40.0] |"), markdown);
        assertTrue(markdown.contains("| s-ft43-data7 | 43 | 7 | palo |"), markdown);
        Map<String, Double> metrics = StudyActivitiesImpl.metrics(report);
        assertEquals(30.0, metrics.get("study.content.delta.avg_l"));
        assertEquals(20.0, metrics.get("study.content.delta.avg_l.ci_low"));
        assertEquals(14.14, metrics.get("study.content.baseline.en.sd"));
        assertEquals(2.0, metrics.get("study.runs"));
    }

    @Test
    void oneRunHasNoStandardDeviation() {
        StudyColumns columns = StudyColumns.of(List.of(LanguageRegistry.palo().get("ar")));
        MetricTable table = StudyTables.table("content", "Content", true, RUNS.subList(0, 1),
                List.of(new SeedFigures(new double[][][] {{{0.1}, {0.3}}}, new double[][][] {{{1}, {1}}})), columns,
                new PairedBootstrap(100, 1));
        assertNull(table.baseline().get(0).sd());
        assertEquals(List.of("ar", "Avg.L", "Avg."), columns.names());
    }

    /** en and ar, one question each (denominator 1): each arm's answer figure. */
    private static SeedFigures run(double enBaseline, double enPalo, double arBaseline, double arPalo) {
        return new SeedFigures(new double[][][] {{{enBaseline}, {enPalo}}, {{arBaseline}, {arPalo}}},
                new double[][][] {{{1}, {1}}, {{1}, {1}}});
    }
}
