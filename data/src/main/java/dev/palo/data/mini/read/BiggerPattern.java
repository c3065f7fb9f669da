package dev.palo.data.mini.read;

import dev.palo.data.mini.grammar.Grammar;
import dev.palo.data.mini.grammar.Intent;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How one language says "A is bigger than B", taken from its grammar's template: the fixed words in their order
 * ({@code is bigger than}; Japanese {@code は}, {@code より大きいです}) and whether A comes first.
 */
record BiggerPattern(List<String> literals, boolean biggerFirst) {
    private static final Pattern TOKEN = Pattern.compile("\\{([^{}]+)}");

    static BiggerPattern of(Grammar grammar) {
        String template = grammar.templates().get(Intent.TELL_BIGGER.key());
        List<String> literals = new ArrayList<>();
        int a = -1;
        int b = -1;
        Matcher token = TOKEN.matcher(template);
        int last = 0;
        while (token.find()) {
            addLiteral(literals, template.substring(last, token.start()));
            last = token.end();
            a = a < 0 && token.group(1).startsWith("a.") ? token.start() : a;
            b = b < 0 && token.group(1).startsWith("b.") ? token.start() : b;
        }
        addLiteral(literals, template.substring(last));
        return new BiggerPattern(List.copyOf(literals), a < b);
    }

    /** Whether {@code sentence} (lower-cased) holds every fixed word, in order. */
    boolean matches(String sentence) {
        if (literals.isEmpty()) {
            return false;
        }
        int from = 0;
        for (String literal : literals) {
            int at = sentence.indexOf(literal, from);
            if (at < 0) {
                return false;
            }
            from = at + literal.length();
        }
        return true;
    }

    private static void addLiteral(List<String> literals, String text) {
        String literal = text.strip().toLowerCase(Locale.ROOT);
        if (literal.codePoints().anyMatch(Character::isLetter)) {
            literals.add(literal);
        }
    }
}
