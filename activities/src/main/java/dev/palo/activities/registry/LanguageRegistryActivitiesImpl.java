package dev.palo.activities.registry;

import dev.palo.data.lang.LanguageRegistry;
import dev.palo.workflows.FailureTypes;
import dev.palo.workflows.TargetLanguage;
import dev.palo.workflows.registry.LanguageRegistryActivities;
import io.temporal.failure.ApplicationFailure;
import java.util.List;
import java.util.Optional;

/** Target languages from the data module's registry; English is the source, never a target. */
public final class LanguageRegistryActivitiesImpl implements LanguageRegistryActivities {
    static final String SOURCE_LANGUAGE = "en";

    private final LanguageRegistry registry;

    public LanguageRegistryActivitiesImpl(LanguageRegistry registry) {
        this.registry = registry;
    }

    @Override
    public List<TargetLanguage> resolveTargets(List<String> codes) {
        List<String> unknown = codes.stream().filter(code -> registry.find(code).isEmpty()).toList();
        if (!unknown.isEmpty()) {
            throw ApplicationFailure.newNonRetryableFailure("unknown language code(s) " + unknown
                    + "; known codes: " + registry.codes(), FailureTypes.UNKNOWN_LANGUAGE);
        }
        if (codes.contains(SOURCE_LANGUAGE)) {
            throw ApplicationFailure.newNonRetryableFailure("'" + SOURCE_LANGUAGE
                    + "' is the source language; choose targets among " + registry.codes(), FailureTypes.INVALID_INPUT);
        }
        return codes.stream().map(registry::find).map(Optional::orElseThrow)
                .map(language -> new TargetLanguage(language.code(), language.name())).toList();
    }
}
