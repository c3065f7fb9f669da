package dev.palo.data.lang;

import java.util.Objects;

/**
 * A language's sentence punctuation: the marks it uses (full-width in Chinese/Japanese, danda {@code ।} in
 * Hindi/Bengali, {@code ، ؟} in Arabic/Urdu, {@code ۔} in Urdu), Spanish opening marks, and the space French
 * typography puts before {@code ? !} (a no-break space, so the mark never starts a line).
 *
 * @param openingQuestionMark    put before a question ({@code ¿}); null when the language has none
 * @param openingExclamationMark put before an exclamation ({@code ¡}); null when the language has none
 * @param spaceBeforeQuestionMark what goes between the last word and {@code ?}/{@code !}; empty for most languages
 */
public record Punctuation(
        String comma,
        String fullStop,
        String questionMark,
        String exclamationMark,
        String openingQuestionMark,
        String openingExclamationMark,
        String spaceBeforeQuestionMark) {

    public Punctuation {
        Objects.requireNonNull(comma, "punctuation 'comma' is missing");
        Objects.requireNonNull(fullStop, "punctuation 'fullStop' is missing");
        Objects.requireNonNull(questionMark, "punctuation 'questionMark' is missing");
        Objects.requireNonNull(exclamationMark, "punctuation 'exclamationMark' is missing");
        spaceBeforeQuestionMark = spaceBeforeQuestionMark == null ? "" : spaceBeforeQuestionMark;
    }

    /** A declarative sentence: {@code body} followed by the full stop. */
    public String statement(String body) {
        return body + fullStop;
    }

    /** A question: the opening mark if any, {@code body}, the language's spacing, the question mark. */
    public String question(String body) {
        return (openingQuestionMark == null ? "" : openingQuestionMark) + body + spaceBeforeQuestionMark + questionMark;
    }

    /** An exclamation, punctuated like {@link #question}. */
    public String exclamation(String body) {
        return (openingExclamationMark == null ? "" : openingExclamationMark) + body + spaceBeforeQuestionMark
                + exclamationMark;
    }
}
