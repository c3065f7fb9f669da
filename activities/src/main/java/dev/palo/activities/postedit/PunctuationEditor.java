package dev.palo.activities.postedit;

import dev.palo.data.lang.Punctuation;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Rewrites ASCII sentence punctuation that translation models leave behind into the language's
 * own marks (registry data: {@code ؟ ،} for Arabic and Urdu, {@code ।} for Hindi and Bengali,
 * full-width marks for Chinese and Japanese, the space French puts before {@code ? !}). Text inside
 * {@code <…>} spans (placeholders, markup) is left alone, and so are decimal points, thousands
 * separators and ellipses.
 */
final class PunctuationEditor {
    private static final Pattern SPAN = Pattern.compile("<[^<>]*>");
    /** A comma not between two digits (1,000 stays). */
    private static final Pattern COMMA = Pattern.compile("(?<!\\d),|,(?!\\d)");
    /** A lone full stop ending a sentence: not part of "..." and followed by whitespace or the end. */
    private static final Pattern FULL_STOP = Pattern.compile("(?<![.\\d])\\.(?![.\\w])");

    private final Punctuation punctuation;

    PunctuationEditor(Punctuation punctuation) {
        this.punctuation = punctuation;
    }

    String edit(String text) {
        StringBuilder out = new StringBuilder(text.length());
        Matcher span = SPAN.matcher(text);
        int plainStart = 0;
        while (span.find()) {
            out.append(editPlain(text.substring(plainStart, span.start()))).append(span.group());
            plainStart = span.end();
        }
        return out.append(editPlain(text.substring(plainStart))).toString();
    }

    private String editPlain(String text) {
        String edited = text;
        if (!punctuation.comma().equals(",")) {
            edited = COMMA.matcher(edited).replaceAll(Matcher.quoteReplacement(punctuation.comma()));
        }
        if (!punctuation.fullStop().equals(".")) {
            edited = FULL_STOP.matcher(edited).replaceAll(Matcher.quoteReplacement(punctuation.fullStop()));
        }
        edited = endMark(edited, "?", punctuation.questionMark());
        return endMark(edited, "!", punctuation.exclamationMark());
    }

    /** Replaces an ASCII mark and puts the language's spacing (if any) between a word and it. */
    private String endMark(String text, String ascii, String mark) {
        String replaced = text.replace(ascii, mark);
        String space = punctuation.spaceBeforeQuestionMark();
        if (space.isEmpty()) {
            return replaced;
        }
        return replaced.replaceAll("(?<=[^\\s" + Pattern.quote(space) + "])" + Pattern.quote(mark),
                Matcher.quoteReplacement(space + mark));
    }
}
