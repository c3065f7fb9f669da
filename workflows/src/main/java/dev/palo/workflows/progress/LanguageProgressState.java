package dev.palo.workflows.progress;

import java.util.List;

/**
 * A language workflow's answer to its {@code progress} query.
 *
 * @param language language code
 * @param stages   every stage of the language in pipeline order, pending ones included
 * @param warnings what the language went on despite (a yield below its floor under {@code qa.onLowYield WARN})
 */
public record LanguageProgressState(String language, List<StageState> stages, List<String> warnings) {
    public LanguageProgressState {
        stages = stages == null ? List.of() : List.copyOf(stages);
        warnings = warnings == null ? List.of() : List.copyOf(warnings);
    }

    public LanguageProgressState(String language, List<StageState> stages) {
        this(language, stages, List.of());
    }
}
