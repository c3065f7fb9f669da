package dev.palo.activities.translate;

import dev.palo.data.llava.Turn;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Translates one turn's text around its {@code <image>} placeholders: the placeholders, and the
 * whitespace around every translated piece, stay byte for byte where they were. (PALO's
 * translate.py put {@code <image>} back at a random end; training needs it where it was.)
 */
final class PlaceholderPreservingTranslator {
    private static final Pattern PLACEHOLDER = Pattern.compile(Pattern.quote(Turn.IMAGE_TOKEN));
    private static final Pattern CORE = Pattern.compile("^(\\s*)(.*?)(\\s*)$", Pattern.DOTALL);

    private final UnaryOperator<String> translateText;

    PlaceholderPreservingTranslator(UnaryOperator<String> translateText) {
        this.translateText = translateText;
    }

    String translate(String value) {
        StringBuilder out = new StringBuilder(value.length() * 2);
        Matcher placeholder = PLACEHOLDER.matcher(value);
        int pieceStart = 0;
        while (placeholder.find()) {
            out.append(translatePiece(value.substring(pieceStart, placeholder.start()))).append(placeholder.group());
            pieceStart = placeholder.end();
        }
        return out.append(translatePiece(value.substring(pieceStart))).toString();
    }

    /** Only the text between the piece's outer whitespace is sent; blank pieces are not sent at all. */
    private String translatePiece(String piece) {
        Matcher parts = CORE.matcher(piece);
        if (!parts.matches() || parts.group(2).isEmpty()) {
            return piece;
        }
        return parts.group(1) + translateText.apply(parts.group(2)).strip() + parts.group(3);
    }
}
