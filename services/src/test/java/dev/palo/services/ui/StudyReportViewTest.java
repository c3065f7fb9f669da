package dev.palo.services.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.palo.activities.study.StudyReport;
import dev.palo.activities.study.StudyReport.ArmRow;
import dev.palo.activities.study.StudyReport.ArmsTable;
import dev.palo.activities.study.StudyReport.Delta;
import dev.palo.activities.study.StudyReport.MeanSd;
import dev.palo.activities.study.StudyReport.MetricTable;
import dev.palo.activities.study.StudyReport.RunFigures;
import dev.palo.services.studies.StudyView;
import dev.palo.workflows.study.StudyMember;
import dev.palo.workflows.study.StudyMemberState;
import jakarta.ws.rs.BadRequestException;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The study page's parts: the report's tables and words, the seed fields of the start form, the progress. */
class StudyReportViewTest {
    private static final List<StudyMember> RUNS = List.of(new StudyMember(42, 7, "s-ft42-data7"),
            new StudyMember(43, 7, "s-ft43-data7"));

    /** Two metrics over en, ar, Avg.H, Avg.L: one difference above 0, one below, one across it. */
    private static StudyReport report() {
        MetricTable content = new MetricTable("content", "Content score (facts stated vs. the scene, any language)",
                true, List.of(new MeanSd(60, 1.25), new MeanSd(20, 2.0), new MeanSd(60, 1.25), new MeanSd(20, 2.0)),
                List.of(new MeanSd(59.5, 0.5), new MeanSd(45.04, 3.0), new MeanSd(59.5, 0.5), new MeanSd(45.04, 3.0)),
                List.of(new Delta(-0.5, -2.25, 1.0), new Delta(25.04, 18.3, 31.7), new Delta(-0.5, -2.25, 1.0),
                        new Delta(25.04, 18.3, 31.7)),
                List.of(new RunFigures("s-ft42-data7", List.of(61.0, 18.0, 61.0, 18.0), List.of(60.0, 42.0, 60.0, 42.0)),
                        new RunFigures("s-ft43-data7", List.of(59.0, 22.0, 59.0, 22.0), List.of(59.0, 48.0, 59.0, 48.0))));
        MetricTable inLanguage = new MetricTable("in_language", "In-language rate (% of answers in the question's"
                + " language, Lingua)", false, List.of(new MeanSd(100, null), new MeanSd(10, null),
                new MeanSd(100, null), new MeanSd(10, null)), List.of(new MeanSd(90, null), new MeanSd(80, null),
                new MeanSd(90, null), new MeanSd(80, null)), List.of(new Delta(-10, -14, -6), new Delta(70, 60, 80),
                new Delta(-10, -14, -6), new Delta(70, 60, 80)), List.of());
        return new StudyReport("s", RUNS, "runs (seeds) drawn with replacement, then the bench questions", 10_000, 14,
                0.95, "English only, the recipe's epochs", List.of("en", "ar", "Avg.H", "Avg.L"),
                List.of(content, inLanguage));
    }

    @Test
    void eachMetricIsTable1WithMeanSdAndTheDifferenceMarkedByItsInterval() {
        StudyReportView view = StudyReportView.of(report());

        assertEquals(2, view.runs());
        assertEquals("fine-tune seeds 42, 43 × data seeds 7", view.seeds());
        assertEquals(List.of("en", "ar", "Avg.H", "Avg.L"), view.columns().stream().map(StudyReportView.Column::name)
                .toList());
        assertEquals(List.of("English", "Arabic", "average over the high-resource languages",
                "average over the low-resource languages"), view.columns().stream().map(StudyReportView.Column::title)
                .toList());

        StudyReportView.Table content = view.tables().get(0);
        assertTrue(content.primary());
        assertTrue(content.meaning().contains("whatever language the answer is written in"), content.meaning());
        assertEquals(List.of("baseline", "PALO", "PALO − baseline"), content.rows().stream()
                .map(StudyReportView.Row::label).toList());
        assertEquals(List.of("60.0 ± 1.3", "20.0 ± 2.0", "60.0 ± 1.3", "20.0 ± 2.0"), texts(content.rows().get(0)));
        assertEquals(List.of("59.5 ± 0.5", "45.0 ± 3.0", "59.5 ± 0.5", "45.0 ± 3.0"), texts(content.rows().get(1)));
        StudyReportView.Row delta = content.rows().get(2);
        assertEquals(List.of("-0.5 [-2.3, +1.0]", "+25.0 [+18.3, +31.7]", "-0.5 [-2.3, +1.0]", "+25.0 [+18.3, +31.7]"),
                texts(delta));
        assertEquals(List.of(StudyReportView.UNCLEAR, StudyReportView.HIGHER, StudyReportView.UNCLEAR,
                StudyReportView.HIGHER), delta.cells().stream().map(StudyReportView.Cell::mark).toList());

        StudyReportView.Table inLanguage = view.tables().get(1);
        assertEquals(List.of("100.0", "10.0", "100.0", "10.0"), texts(inLanguage.rows().get(0)), "one run: no sd");
        assertEquals(StudyReportView.LOWER, inLanguage.rows().get(2).cells().get(0).mark());
        assertTrue(inLanguage.meaning().contains("Lingua"));
    }

    @Test
    void theIntervalIsExplainedInWordsWithHowItWasDrawn() {
        String interval = StudyReportView.of(report()).interval();

        assertTrue(interval.startsWith("The brackets are a 95 % confidence interval for PALO − baseline"), interval);
        assertTrue(interval.contains("cannot tell the two apart"), interval);
        assertTrue(interval.contains("10,000 times (seed 14)"), interval);
        assertTrue(interval.contains("the bench questions"), interval);
    }

    /** The page reads study.json with Jackson: the records the report stage writes read back as they were. */
    @Test
    void aStoredReportReadsBackIntoTheSameView() throws Exception {
        ObjectMapper json = new ObjectMapper();
        StudyReport stored = json.readValue(json.writeValueAsBytes(report()), StudyReport.class);

        assertEquals(report(), stored);
        assertEquals(StudyReportView.of(report()), StudyReportView.of(stored));
    }

    @Test
    void table2NamesEachArmByWhatItTrainedOn() {
        StudyReport plain = report();
        List<MeanSd> arabic = List.of(new MeanSd(42, 2.83), new MeanSd(58, 2.83), new MeanSd(42, 2.83),
                new MeanSd(58, 2.83));
        ArmsTable table2 = new ArmsTable("content", plain.metrics().get(0).title(), List.of(
                new ArmRow("baseline", "English only", plain.metrics().get(0).baseline()),
                new ArmRow("ar", "Arabic set only", arabic),
                new ArmRow("palo", "English and every translated set (PALO)", plain.metrics().get(0).palo())));
        StudyReport report = new StudyReport(plain.study(), plain.runs(), plain.resampling(), plain.resamples(),
                plain.bootstrapSeed(), plain.level(), plain.baseline(), plain.columns(), plain.metrics(),
                List.of(table2));

        StudyReportView view = StudyReportView.of(report);

        assertEquals(1, view.table2().size());
        StudyReportView.Table table = view.table2().get(0);
        assertEquals(List.of("baseline", "Arabic only", "combined (PALO)"), table.rows().stream()
                .map(StudyReportView.Row::label).toList());
        assertEquals(List.of("baseline", "single", "palo"), table.rows().stream().map(StudyReportView.Row::kind)
                .toList());
        assertEquals("Arabic set only", table.rows().get(1).trainedOn());
        assertEquals(List.of("42.0 ± 2.8", "58.0 ± 2.8", "42.0 ± 2.8", "58.0 ± 2.8"), texts(table.rows().get(1)));
        assertTrue(StudyReportView.of(report()).table2().isEmpty(), "no single-language arms, no Table 2");
    }

    @Test
    void seedFieldsTakeCommasOrSpacesAndRefuseWhatIsNoNumber() {
        assertEquals(List.of(42L, 43L, 44L), SeedField.parse("fine-tune seeds", " 42, 43 44 "));
        assertNull(SeedField.parse("data seeds", "  "));
        BadRequestException refused = assertThrows(BadRequestException.class,
                () -> SeedField.parse("data seeds", "7, eight"));
        assertEquals("data seeds must be whole numbers separated by commas, got 'eight'", refused.getMessage());
    }

    @Test
    void progressCountsCompletedRunsAndPollsOnlyWhileRunning() {
        List<StudyMemberState> states = List.of(new StudyMemberState(RUNS.get(0), StudyMemberState.COMPLETED, null),
                new StudyMemberState(RUNS.get(1), StudyMemberState.RUNNING, null));
        StudyPage running = new StudyPage(new StudyView("s", "RUNNING", Instant.EPOCH, null, states, List.of(), null), null);
        assertEquals(1, running.completedRuns());
        assertEquals(50, running.percent());
        assertTrue(running.running());

        StudyPage failed = new StudyPage(new StudyView("s", "FAILED", Instant.EPOCH, Instant.EPOCH.plusSeconds(65),
                List.of(), List.of(), null), null);
        assertEquals(0, failed.percent());
        assertEquals(false, failed.running());
        assertEquals("1 min 5 s", failed.duration());
    }

    private static List<String> texts(StudyReportView.Row row) {
        return row.cells().stream().map(StudyReportView.Cell::text).toList();
    }
}
