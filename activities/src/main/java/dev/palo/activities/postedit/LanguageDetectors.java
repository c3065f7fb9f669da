package dev.palo.activities.postedit;

import com.github.pemistahl.lingua.api.LanguageDetector;
import com.github.pemistahl.lingua.api.LanguageDetectorBuilder;
import dev.palo.data.lang.Language;
import dev.palo.data.lang.LanguageRegistry;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Lingua detectors over the registry's default set plus the language being checked, each built on first use (their
 * models load lazily per language, so a worker pays only for the languages it checks). A language added beside the
 * defaults (German) thus never changes what the QA of the default languages detects.
 */
final class LanguageDetectors {
    private final LanguageRegistry registry;
    private final Map<List<Language>, LanguageDetector> detectors = new ConcurrentHashMap<>();

    LanguageDetectors(LanguageRegistry registry) {
        this.registry = registry;
    }

    /** The detector that checks text meant to be in {@code target}. */
    LanguageDetector get(Language target) {
        return detectors.computeIfAbsent(registry.defaultsAnd(List.of(target.code())),
                languages -> LanguageDetectorBuilder.fromLanguages(languages.stream().map(Language::linguaLanguage)
                        .toArray(com.github.pemistahl.lingua.api.Language[]::new)).build());
    }
}
