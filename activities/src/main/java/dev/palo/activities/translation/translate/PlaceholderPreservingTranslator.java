package dev.palo.activities.translation.translate;

import dev.palo.data.llava.Turn;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Splits one turn's text around its {@code <image>} placeholders into the pieces a translator sees,
 * and puts the translated pieces back: the placeholders, and the whitespace around every piece, stay
 * byte for byte where they were. (PALO's translate.py put {@code <image>} back at a random end;
 * training needs it where it was.) Two steps, so that a backend can translate the pieces of many
 * turns in one batch.
 */
public final class PlaceholderPreservingTranslator {
    private static final Pattern PLACEHOLDER = Pattern.compile(Pattern.quote(Turn.IMAGE_TOKEN));
    private static final Pattern CORE = Pattern.compile("^(\\s*)(.*?)(\\s*)$", Pattern.DOTALL);

    private PlaceholderPreservingTranslator() {
    }

    /** The pieces of {@code value} to translate, in order: no placeholder, no outer whitespace, none blank. */
    public static List<String> pieces(String value) {
        List<String> pieces = new ArrayList<>();
        rewritePieces(value, piece -> {
            pieces.add(piece);
            return piece;
        });
        return pieces;
    }

    /**
     * {@code value} with its {@link #pieces} replaced, in order, by the next translations (whitespace
     * the translator added around an answer dropped).
     */
    static String reassemble(String value, Iterator<String> translations) {
        return rewritePieces(value, piece -> {
            if (!translations.hasNext()) {
                throw new NoSuchElementException("fewer translations than pieces in: " + value);
            }
            return translations.next().strip();
        });
    }

    private static String rewritePieces(String value, UnaryOperator<String> rewrite) {
        StringBuilder out = new StringBuilder(value.length() * 2);
        Matcher placeholder = PLACEHOLDER.matcher(value);
        int pieceStart = 0;
        while (placeholder.find()) {
            out.append(rewritePiece(value.substring(pieceStart, placeholder.start()), rewrite))
                    .append(placeholder.group());
            pieceStart = placeholder.end();
        }
        return out.append(rewritePiece(value.substring(pieceStart), rewrite)).toString();
    }

    /** Only the text between the piece's outer whitespace is rewritten; blank pieces are left alone. */
    private static String rewritePiece(String piece, UnaryOperator<String> rewrite) {
        Matcher parts = CORE.matcher(piece);
        if (!parts.matches() || parts.group(2).isEmpty()) {
            return piece;
        }
        return parts.group(1) + rewrite.apply(parts.group(2)) + parts.group(3);
    }
}
