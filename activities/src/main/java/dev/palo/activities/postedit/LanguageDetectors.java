package dev.palo.activities.postedit;

import com.github.pemistahl.lingua.api.LanguageDetector;
import com.github.pemistahl.lingua.api.LanguageDetectorBuilder;
import dev.palo.data.lang.Language;
import dev.palo.data.lang.LanguageRegistry;

/**
 * One Lingua detector over every registry language, built on first use: its models load lazily
 * per language, so a worker pays only for the languages it checks.
 */
final class LanguageDetectors {
    private final LanguageRegistry registry;
    private volatile LanguageDetector detector;

    LanguageDetectors(LanguageRegistry registry) {
        this.registry = registry;
    }

    LanguageDetector get() {
        if (detector == null) {
            synchronized (this) {
                if (detector == null) {
                    detector = LanguageDetectorBuilder.fromLanguages(registry.all().stream()
                            .map(Language::linguaLanguage)
                            .toArray(com.github.pemistahl.lingua.api.Language[]::new)).build();
                }
            }
        }
        return detector;
    }
}
