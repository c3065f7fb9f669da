package dev.palo.workflows.registry;

import dev.palo.workflows.TargetLanguage;
import io.temporal.activity.ActivityInterface;
import java.util.List;

/**
 * Resolves language codes against the registry kept as data. Unknown codes fail with a
 * non-retryable {@link dev.palo.workflows.FailureTypes#UNKNOWN_LANGUAGE} failure naming them and
 * listing the known ones.
 */
@ActivityInterface
public interface LanguageRegistryActivities {
    List<TargetLanguage> resolveTargets(List<String> codes);
}
