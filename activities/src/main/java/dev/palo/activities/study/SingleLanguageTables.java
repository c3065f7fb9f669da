package dev.palo.activities.study;

import dev.palo.activities.stage.StageErrors;
import dev.palo.activities.study.StudyReport.ArmRow;
import dev.palo.activities.study.StudyReport.ArmsTable;
import dev.palo.activities.study.StudyReport.MetricTable;
import dev.palo.data.lang.LanguageRegistry;
import dev.palo.workflows.dataset.DatasetArm;
import dev.palo.workflows.study.ArmOutputs;
import dev.palo.workflows.study.SingleLanguageArmScores;
import dev.palo.workflows.study.StudyRunScores;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The paper's Table 2 over a study's runs: the baseline (English only), each single-language arm (one target
 * language's translated set alone) and the combined arm (PALO: English and every set), each arm's mean ± sd over the
 * runs per language and average. A single-language arm is read as the PALO side of a run whose baseline is the run's
 * own, so its figures come from the same reader, per answer, as Table 1's.
 */
final class SingleLanguageTables {
    static final String BASELINE_TRAINED_ON = "English only";
    static final String COMBINED_TRAINED_ON = "English and every translated set (PALO)";

    private SingleLanguageTables() {
    }

    /** The run with the single-language arm in the PALO arm's place, beside the run's own baseline. */
    static StudyRunScores paired(StudyRunScores run, SingleLanguageArmScores single) {
        ArmOutputs baseline = run.arms().stream().filter(a -> a.arm() == DatasetArm.BASELINE).findFirst()
                .orElseThrow(() -> StageErrors.invalid("run " + run.member().runId() + " has no baseline arm"));
        return new StudyRunScores(run.member(), List.of(baseline, new ArmOutputs(DatasetArm.PALO,
                single.outputs().answers(), single.outputs().scores())));
    }

    /** The arm of {@code run} for {@code language}; fails where the study has none. */
    static SingleLanguageArmScores armOf(List<SingleLanguageArmScores> arms, StudyRunScores run, String language) {
        return arms.stream().filter(a -> a.member().equals(run.member()) && a.language().equals(language))
                .findFirst().orElseThrow(() -> StageErrors.invalid("run " + run.member().runId()
                        + " has no single-language arm for " + language));
    }

    /**
     * @param runs       the metric's Table-1 table over the runs: its baseline and PALO rows are Table 2's first and
     *                   last
     * @param byLanguage per single-language arm, in the rows' order: each run's figures, the arm in the PALO place
     */
    static ArmsTable table(MetricTable runs, Map<String, List<SeedFigures>> byLanguage, StudyColumns columns) {
        List<ArmRow> rows = new ArrayList<>();
        rows.add(new ArmRow(DatasetArm.BASELINE.code(), BASELINE_TRAINED_ON, runs.baseline()));
        LanguageRegistry registry = LanguageRegistry.palo();
        byLanguage.forEach((language, figures) -> rows.add(new ArmRow(language, registry.find(language)
                .map(l -> l.name() + " set only").orElse(language + " set only"),
                StudyTables.arm(figures, columns, SeedFigures.PALO))));
        rows.add(new ArmRow(DatasetArm.PALO.code(), COMBINED_TRAINED_ON, runs.palo()));
        return new ArmsTable(runs.metric(), runs.title(), rows);
    }
}
