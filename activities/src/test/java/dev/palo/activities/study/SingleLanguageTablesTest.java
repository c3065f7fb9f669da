package dev.palo.activities.study;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.palo.activities.study.StudyReport.ArmRow;
import dev.palo.activities.study.StudyReport.ArmsTable;
import dev.palo.activities.study.StudyReport.MeanSd;
import dev.palo.activities.study.StudyReport.MetricTable;
import dev.palo.data.lang.LanguageRegistry;
import dev.palo.workflows.ArtifactRef;
import dev.palo.workflows.dataset.DatasetArm;
import dev.palo.workflows.study.ArmOutputs;
import dev.palo.workflows.study.SingleLanguageArmScores;
import dev.palo.workflows.study.StudyMember;
import dev.palo.workflows.study.StudyRunScores;
import io.temporal.failure.ApplicationFailure;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Table 2: the baseline, each single-language arm and the combined arm, mean ± sd over runs per column. */
class SingleLanguageTablesTest {
    private static final List<StudyMember> RUNS = List.of(new StudyMember(42, 7, "s-ft42-data7"),
            new StudyMember(43, 7, "s-ft43-data7"));

    @Test
    void rowsAreTheBaselineEachLanguageAloneAndTheCombinedArm() {
        StudyColumns columns = StudyColumns.of(List.of(LanguageRegistry.palo().get("en"),
                LanguageRegistry.palo().get("zh"), LanguageRegistry.palo().get("ar")));
        assertEquals(List.of("en", "zh", "ar", "Avg.H", "Avg.L", "Avg."), columns.names());
        // Table 1's runs: baseline en 60/60, zh 50/50, ar 10/10; PALO en 58/62, zh 50/50, ar 50/54
        MetricTable runs = StudyTables.table("content", "Content", true, RUNS, List.of(
                run(0.6, 0.58, 0.5, 0.5, 0.1, 0.5), run(0.6, 0.62, 0.5, 0.5, 0.1, 0.54)), columns,
                new PairedBootstrap(200, 14));
        // the Arabic arm (in the PALO place beside each run's baseline): en 40/44, zh 20/20, ar 56/60
        // the Chinese arm: en 50/50, zh 52/56, ar 10/10
        Map<String, List<SeedFigures>> byLanguage = new LinkedHashMap<>();
        byLanguage.put("zh", List.of(run(0.6, 0.5, 0.5, 0.52, 0.1, 0.1), run(0.6, 0.5, 0.5, 0.56, 0.1, 0.1)));
        byLanguage.put("ar", List.of(run(0.6, 0.4, 0.5, 0.2, 0.1, 0.56), run(0.6, 0.44, 0.5, 0.2, 0.1, 0.6)));

        ArmsTable table = SingleLanguageTables.table(runs, byLanguage, columns);

        assertEquals("content", table.metric());
        assertEquals(List.of("baseline", "zh", "ar", "palo"), table.rows().stream().map(ArmRow::arm).toList());
        assertEquals(List.of("English only", "Chinese set only", "Arabic set only",
                SingleLanguageTables.COMBINED_TRAINED_ON), table.rows().stream().map(ArmRow::trainedOn).toList());
        assertEquals(runs.baseline(), table.rows().get(0).values());
        assertEquals(runs.palo(), table.rows().get(3).values());
        ArmRow arabic = table.rows().get(2);
        assertEquals(List.of(42.0, 20.0, 58.0, 31.0, 58.0, 40.0), arabic.values().stream().map(MeanSd::mean).toList());
        assertEquals(2.83, arabic.values().get(0).sd()); // sd of 40 and 44: 2·√2
        assertEquals(0.0, arabic.values().get(1).sd());
        ArmRow chinese = table.rows().get(1);
        assertEquals(54.0, chinese.values().get(1).mean());
        assertEquals(10.0, chinese.values().get(2).mean());

        StudyReport report = new StudyReport("s", RUNS, "runs then questions", 200, 14, 0.95,
                StudyActivitiesImpl.SAME_EPOCHS, columns.names(), List.of(runs), List.of(table));
        String markdown = StudyMarkdown.render(report);
        assertTrue(markdown.contains("### Table 2 · Content: single-language arms"), markdown);
        assertTrue(markdown.contains("| Arm | trained on | en | zh | ar | Avg.H | Avg.L | Avg. |"), markdown);
        assertTrue(markdown.contains("| ar | Arabic set only | 42.0 ± 2.8 | 20.0 ± 0.0 | 58.0 ± 2.8 |"), markdown);
        assertTrue(markdown.contains("| palo | " + SingleLanguageTables.COMBINED_TRAINED_ON + " |"), markdown);
        Map<String, Double> metrics = StudyActivitiesImpl.metrics(report);
        assertEquals(58.0, metrics.get("study.content.only_ar.avg_l.mean"));
        assertEquals(2.83, metrics.get("study.content.only_ar.en.sd"));
        assertNull(metrics.get("study.content.only_baseline.en.mean"), "Table 1's rows are logged as Table 1's");
    }

    @Test
    void anArmTakesThePaloPlaceBesideItsRunsOwnBaseline() {
        StudyRunScores run = new StudyRunScores(RUNS.get(0), List.of(
                new ArmOutputs(DatasetArm.BASELINE, ref("answers-baseline"), ref("scores-baseline.json")),
                new ArmOutputs(DatasetArm.PALO, ref("answers-palo"), ref("scores-palo.json"))));
        SingleLanguageArmScores arabic = new SingleLanguageArmScores(RUNS.get(0), "ar",
                new ArmOutputs(DatasetArm.BASELINE, ref("only-ar/answers"), ref("only-ar/scores.json")));
        StudyRunScores paired = SingleLanguageTables.paired(run, arabic);
        assertEquals(run.arms().get(0), paired.arms().get(0));
        assertEquals(new ArmOutputs(DatasetArm.PALO, ref("only-ar/answers"), ref("only-ar/scores.json")),
                paired.arms().get(1));
        assertEquals(arabic, SingleLanguageTables.armOf(List.of(arabic), run, "ar"));
        ApplicationFailure missing = assertThrows(ApplicationFailure.class,
                () -> SingleLanguageTables.armOf(List.of(arabic), run, "ur"));
        assertTrue(missing.getOriginalMessage().contains("s-ft42-data7 has no single-language arm for ur"));
    }

    /** en, zh, ar; one question each (denominator 1): the baseline's and the other arm's answer figures. */
    private static SeedFigures run(double enBaseline, double enOther, double zhBaseline, double zhOther,
                                   double arBaseline, double arOther) {
        return new SeedFigures(new double[][][] {{{enBaseline}, {enOther}}, {{zhBaseline}, {zhOther}},
                {{arBaseline}, {arOther}}}, new double[][][] {{{1}, {1}}, {{1}, {1}}, {{1}, {1}}});
    }

    private static ArtifactRef ref(String name) {
        return new ArtifactRef("s3://palo/" + name, "sha-" + name, 1, "application/json", 1);
    }
}
