package dev.palo.data.mini.grammar;

import java.util.Locale;

/**
 * What a sentence says, independent of language. Every grammar has one template per intent, named by
 * {@link #key()}; whether the sentence is a question decides its final mark.
 */
public enum Intent {
    ASK_COLOUR(true), TELL_COLOUR(false),
    ASK_SHAPE_AT(true), EXISTS_AT(false),
    ASK_COUNT(true), TELL_COUNT(false),
    ASK_WHERE(true), TELL_WHERE(false),
    ASK_DESCRIBE(false),
    ASK_BIGGER(true), TELL_BIGGER(false),
    ASK_RELATION(true), TELL_RELATION(false),
    ASK_CAPTION(false), CAPTION(false);

    private final boolean question;

    Intent(boolean question) {
        this.question = question;
    }

    public boolean isQuestion() {
        return question;
    }

    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }
}
