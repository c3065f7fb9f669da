package dev.palo.services.runs;

import java.util.List;

/**
 * One language of a run.
 *
 * @param workflowId the language's child workflow, null while not started
 * @param status     PENDING before its workflow starts, then the workflow's status
 * @param stages     the stages started so far, in pipeline order
 * @param failure    why the language failed, when it did
 * @param warnings   what the language went on despite (a yield below its floor under {@code qa.onLowYield WARN})
 */
public record LanguageProgress(String language, String workflowId, String status, List<StageProgress> stages,
                               String failure, List<String> warnings) {
    public LanguageProgress {
        warnings = warnings == null ? List.of() : List.copyOf(warnings);
    }

    static LanguageProgress pending(String language) {
        return new LanguageProgress(language, null, RunStatus.PENDING, List.of(), null, List.of());
    }
}
