package dev.palo.data.lang;

import com.github.pemistahl.lingua.api.LanguageDetector;
import com.github.pemistahl.lingua.api.LanguageDetectorBuilder;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Which of a few registry languages a text is written in, by Lingua with only those languages' models (they ship in
 * Lingua's jar: nothing is downloaded). {@link Accuracy#LOW} keeps only the trigram models (about 11 MB for the
 * ten, under a second to load); {@link Accuracy#HIGH} adds the longer n-grams (about 180 MB, 4 s). On PALO-mini's
 * gold answers (LanguageIdTest, 273 per language) HIGH identified all ten languages 100%; LOW fell to 94% on
 * Spanish, 98% on English and Urdu: short answers need HIGH.
 */
public final class LanguageId {
    public enum Accuracy { LOW, HIGH }

    private final LanguageDetector detector;
    private final Map<com.github.pemistahl.lingua.api.Language, Language> languages = new HashMap<>();

    public LanguageId(Collection<Language> languages, Accuracy accuracy) {
        if (languages.size() < 2) {
            throw new IllegalArgumentException("language identification needs two languages or more, got " + languages);
        }
        languages.forEach(l -> this.languages.put(l.linguaLanguage(), l));
        LanguageDetectorBuilder builder = LanguageDetectorBuilder.fromLanguages(this.languages.keySet()
                .toArray(com.github.pemistahl.lingua.api.Language[]::new)).withPreloadedLanguageModels();
        this.detector = (accuracy == Accuracy.LOW ? builder.withLowAccuracyMode() : builder).build();
    }

    /** The language {@code text} is written in; empty for blank text or where Lingua cannot tell. */
    public Optional<Language> identify(String text) {
        if (text == null || text.isBlank()) {
            return Optional.empty();
        }
        return Optional.ofNullable(languages.get(detector.detectLanguageOf(text)));
    }

    /** Whether {@code text} is identified as written in {@code language}. */
    public boolean writtenIn(String text, Language language) {
        return identify(text).map(l -> l.code().equals(language.code())).orElse(false);
    }
}
