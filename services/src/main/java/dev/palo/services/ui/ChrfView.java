package dev.palo.services.ui;

import dev.palo.services.runs.LanguageProgress;
import dev.palo.services.runs.RunDetail;
import dev.palo.services.runs.StageProgress;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The translator's chrF against gold per language, before tuning (translate, then post-edit) and after it
 * (re-translate with the tuned translator, then post-edit), from the run's progress model.
 *
 * @param columns the translating stages that measured chrF, in pipeline order
 */
public record ChrfView(List<String> columns, List<Row> rows) {
    static final List<String> STAGES = List.of("translate", "post-edit", "retranslate", "retranslate-post-edit");

    /** @param gain the last stage's chrF minus the first post-edit's: what tuning bought */
    public record Row(String language, List<String> values, String gain) {
    }

    static ChrfView of(RunDetail run) {
        List<Row> rows = new ArrayList<>();
        List<String> columns = STAGES.stream().filter(stage -> run.languages().stream()
                .anyMatch(language -> chrf(language, stage) != null)).toList();
        for (LanguageProgress language : run.languages()) {
            List<String> values = columns.stream().map(stage -> text(chrf(language, stage))).toList();
            Double before = chrf(language, "post-edit");
            Double after = chrf(language, "retranslate-post-edit");
            rows.add(new Row(language.language(), values, before == null || after == null ? ""
                    : String.format(Locale.ROOT, "%+.1f", after - before)));
        }
        return new ChrfView(columns, rows);
    }

    public boolean isEmpty() {
        return columns.isEmpty();
    }

    private static Double chrf(LanguageProgress language, String stage) {
        return language.stages().stream().filter(s -> s.stage().equals(stage)).map(StageProgress::chrf)
                .filter(java.util.Objects::nonNull).findFirst().orElse(null);
    }

    private static String text(Double value) {
        return value == null ? "" : String.format(Locale.ROOT, "%.1f", value);
    }
}
