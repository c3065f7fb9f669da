package dev.palo.data.lang;

import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * One language the platform handles, as loaded from {@code languages.json}.
 *
 * @param code          ISO 639-1 code used everywhere in the platform ({@code ur})
 * @param name          English name as PALO writes it ({@code Urdu}); lower-cased it is PALO's bench folder and the
 *                      prefix of its {@code <language>_conversation} field, see {@link #paloKey()}
 * @param nativeName    the language's own name for itself
 * @param scripts       Unicode scripts its text is written in
 * @param lingua        the constant Lingua's {@code Language} enum uses for it ({@code URDU})
 * @param wordSeparator what separates words: a space, or nothing for Chinese and Japanese
 * @param benchLayout   which file layout PALO's multilingual LLaVA-Bench uses for it (see the bench package)
 * @param defaultSet    whether runs that name no languages include it: true for the paper's ten, false for a language
 *                      added beside them (German ships so), which a run then names explicitly
 * @param baseLmShare   its weight in the base LM's pretraining text, above 0 (English 0.597, each high-resource
 *                      language 0.08, each low-resource one 0.00075: a deviation from LLaMA-2's mix, explained in
 *                      {@code LanguageMix})
 */
public record Language(
        String code,
        String name,
        String nativeName,
        List<Character.UnicodeScript> scripts,
        String lingua,
        Direction direction,
        ResourceLevel resourceLevel,
        String wordSeparator,
        String benchLayout,
        Punctuation punctuation,
        Boolean defaultSet,
        Double baseLmShare) {

    public Language {
        Objects.requireNonNull(code, "language 'code' is missing");
        Objects.requireNonNull(name, "language '" + code + "': 'name' is missing");
        Objects.requireNonNull(nativeName, "language '" + code + "': 'nativeName' is missing");
        Objects.requireNonNull(scripts, "language '" + code + "': 'scripts' is missing");
        scripts = List.copyOf(scripts);
        Objects.requireNonNull(lingua, "language '" + code + "': 'lingua' is missing");
        Objects.requireNonNull(direction, "language '" + code + "': 'direction' is missing");
        Objects.requireNonNull(resourceLevel, "language '" + code + "': 'resourceLevel' is missing");
        Objects.requireNonNull(wordSeparator, "language '" + code + "': 'wordSeparator' is missing");
        Objects.requireNonNull(benchLayout, "language '" + code + "': 'benchLayout' is missing");
        Objects.requireNonNull(punctuation, "language '" + code + "': 'punctuation' is missing");
        Objects.requireNonNull(defaultSet, "language '" + code + "': 'defaultSet' is missing (true: in the runs that"
                + " name no languages)");
        Objects.requireNonNull(baseLmShare, "language '" + code + "': 'baseLmShare' is missing (its weight in the base"
                + " LM's corpus)");
        if (!(baseLmShare > 0 && baseLmShare <= 1)) {
            throw new IllegalArgumentException("language '" + code + "': 'baseLmShare' must be in (0, 1], got "
                    + baseLmShare + "; every language has some text in the base LM's corpus");
        }
    }

    /** PALO's lower-case key: bench folder {@code urdu/}, training field {@code urdu_conversation}. */
    public String paloKey() {
        return name.toLowerCase(Locale.ROOT);
    }

    /** Lingua's constant for this language, for language identification. */
    public com.github.pemistahl.lingua.api.Language linguaLanguage() {
        return com.github.pemistahl.lingua.api.Language.valueOf(lingua);
    }

    public boolean isRightToLeft() {
        return direction == Direction.RTL;
    }
}
