package dev.palo.data.mini.errors;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** The translation errors the PALO paper reports for its first, un-tuned LLM translations. */
public enum ErrorClass {
    /** An English word of the world's vocabulary left in the translation. */
    UNTRANSLATED,
    /** Latin punctuation where the language has its own marks, or wrong spacing around marks. */
    PUNCTUATION,
    /** An adjective, numeral or verb in the wrong gender for its noun. */
    GENDER,
    /** A noun where the sentence needs its verb (the grammar's {@code verbNouns}). */
    NOUN_FOR_VERB;

    /** The stable name written in seed-corpus files and accepted on the command line. */
    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static ErrorClass of(String code) {
        for (ErrorClass value : values()) {
            if (value.code().equals(code)) {
                return value;
            }
        }
        throw new IllegalArgumentException("unknown error class '" + code + "'; known classes: "
                + Arrays.stream(values()).map(ErrorClass::code).collect(Collectors.joining(", ")));
    }
}
