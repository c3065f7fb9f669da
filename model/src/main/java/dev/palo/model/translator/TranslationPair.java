package dev.palo.model.translator;

import java.util.Objects;

/**
 * One training example for the translator: an English source and its translation into {@code language}
 * (a lower-case ISO 639-1 code such as {@code fr}).
 */
public record TranslationPair(String language, String source, String target) {

    public TranslationPair {
        LanguageTag.check(language);
        Objects.requireNonNull(source, "translation source");
        Objects.requireNonNull(target, "translation target");
        if (source.isBlank() || target.isBlank()) {
            throw new IllegalArgumentException("a " + language + " translation pair needs a non-blank source and target, got '"
                    + source + "' -> '" + target + "'");
        }
    }
}
