package dev.palo.data.mini.errors;

import dev.palo.data.lang.Punctuation;

/**
 * The punctuation mistakes of a careless translator, from the language's own rules: its native marks replaced by
 * Latin ones ({@code ،}→{@code ,}, {@code ؟}→{@code ?}, {@code ।}→{@code .}, {@code 。}→{@code .}), Spanish
 * {@code ¿} dropped, the French space before {@code ?} dropped. Where none of that changes the sentence (its marks
 * are Latin already), a stray space before the final mark, the spacing error the paper reports for Arabic.
 */
final class PunctuationErrors {

    private PunctuationErrors() {
    }

    static String apply(String text, Punctuation punctuation) {
        String wrong = text;
        if (!punctuation.spaceBeforeQuestionMark().isEmpty()) {
            wrong = wrong.replace(punctuation.spaceBeforeQuestionMark() + punctuation.questionMark(), punctuation.questionMark());
        }
        wrong = latin(wrong, punctuation.comma(), ",");
        wrong = latin(wrong, punctuation.fullStop(), ".");
        wrong = latin(wrong, punctuation.questionMark(), "?");
        if (punctuation.openingQuestionMark() != null) {
            wrong = wrong.replace(punctuation.openingQuestionMark(), "");
        }
        if (wrong.equals(text)) {
            int last = text.length() - 1;
            wrong = text.substring(0, last) + " " + text.charAt(last);
        }
        return wrong;
    }

    private static String latin(String text, String nativeMark, String latinMark) {
        return nativeMark.equals(latinMark) ? text : text.replace(nativeMark, latinMark);
    }
}
