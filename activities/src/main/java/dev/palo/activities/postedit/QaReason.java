package dev.palo.activities.postedit;

import java.util.Locale;

/** Why QA flagged a translated sample; each becomes a {@code qa.<reason>} count. */
enum QaReason {
    /** Identified as another registry language than the target. */
    WRONG_LANGUAGE,
    /** Too few letters in the language's own scripts. */
    WRONG_SCRIPT,
    /** Text identical to the English, or identified as English. */
    UNTRANSLATED,
    /** {@code <image>} or other {@code <…>} spans lost or added. */
    PLACEHOLDERS_CHANGED,
    /** Translation much shorter or longer than the English. */
    LENGTH_RATIO;

    String metric() {
        return "qa." + name().toLowerCase(Locale.ROOT);
    }
}
