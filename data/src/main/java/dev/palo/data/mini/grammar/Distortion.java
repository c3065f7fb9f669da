package dev.palo.data.mini.grammar;

/**
 * A deliberate mistake made while rendering one slot of a sentence, the way a weak machine translator errs:
 * agreement in the wrong gender, or the English word left untranslated. Gold text is rendered without any.
 */
public record Distortion(String slot, Kind kind) {

    public enum Kind {
        /** Adjectives, numerals and verbs agreeing with the slot take the other gender's forms. */
        WRONG_GENDER,
        /** The slot's noun stays in English. */
        ENGLISH_NOUN,
        /** The slot's colour adjective stays in English. */
        ENGLISH_COLOUR
    }
}
