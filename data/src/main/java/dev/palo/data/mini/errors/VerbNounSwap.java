package dev.palo.data.mini.errors;

import dev.palo.data.lang.Language;
import dev.palo.data.mini.grammar.Grammar;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Puts the grammar's noun in place of each of its verbs ({@code verbNouns}): "يوجد" → "وجود", "находится" →
 * "нахождение". Whole words only in languages that separate words with spaces; a capitalised verb gives a
 * capitalised noun.
 */
final class VerbNounSwap {

    private final Map<Pattern, String> swaps = new LinkedHashMap<>();

    VerbNounSwap(Grammar grammar, Language language) {
        boolean spaced = !language.wordSeparator().isEmpty();
        grammar.verbNouns().forEach((verb, noun) -> {
            String quoted = Pattern.quote(verb.substring(1));
            String first = Pattern.quote(verb.substring(0, 1)) + "|" + Pattern.quote(verb.substring(0, 1).toUpperCase(Locale.ROOT));
            String regex = "(" + first + ")" + quoted;
            swaps.put(Pattern.compile(spaced ? "(?<![\\p{L}\\p{M}])" + regex + "(?![\\p{L}\\p{M}])" : regex), noun);
        });
    }

    String apply(String text) {
        String result = text;
        for (Map.Entry<Pattern, String> swap : swaps.entrySet()) {
            Matcher matcher = swap.getKey().matcher(result);
            StringBuilder out = new StringBuilder();
            while (matcher.find()) {
                boolean capital = Character.isUpperCase(matcher.group(1).charAt(0));
                String noun = swap.getValue();
                String replacement = capital ? Character.toUpperCase(noun.charAt(0)) + noun.substring(1) : noun;
                matcher.appendReplacement(out, Matcher.quoteReplacement(replacement));
            }
            matcher.appendTail(out);
            result = out.toString();
        }
        return result;
    }
}
