package dev.palo.workflows.language;

import dev.palo.workflows.StageResult;
import java.util.List;

/**
 * @param language language code
 * @param stages   every stage's result, in pipeline order
 */
public record LanguageResult(String language, List<StageResult> stages) {
}
