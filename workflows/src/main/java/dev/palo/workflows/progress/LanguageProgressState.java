package dev.palo.workflows.progress;

import java.util.List;

/**
 * A language workflow's answer to its {@code progress} query.
 *
 * @param language language code
 * @param stages   every stage of the language in pipeline order, pending ones included
 */
public record LanguageProgressState(String language, List<StageState> stages) {
    public LanguageProgressState {
        stages = stages == null ? List.of() : List.copyOf(stages);
    }
}
