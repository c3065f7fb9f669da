package dev.palo.data.mini.read;

import dev.palo.data.lang.Language;
import dev.palo.data.mini.grammar.Grammar;
import dev.palo.data.mini.world.Colour;
import dev.palo.data.mini.world.Size;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The reader's word table, built from the same grammars that render PALO-mini's text, so the two cannot drift:
 * every noun form, adjective and numeral form, position and fixed part of a relation phrase of every given language,
 * each mapped to what it names. A string that names two different things of one class (Chinese {@code 个}, the
 * measure word of every shape) is left out of that class.
 *
 * <p>{@link #mentions} finds the table's strings in a text, longest first, at word boundaries; in scripts written
 * without spaces (Han, kana) any position is a boundary, and a clitic a grammar glues to the next word when joining
 * a list (Arabic {@code و}) may precede a word.
 */
public final class Lexicon {
    private static final Pattern TOKEN = Pattern.compile("\\{[^{}]+}");

    private final Map<String, List<Word>> words;
    private final Map<Integer, List<String>> byFirst = new HashMap<>();
    private final Set<String> ambiguous;
    private final Set<Character.UnicodeScript> unspaced;
    private final List<String> clitics;

    private Lexicon(Map<String, List<Word>> words, Set<String> ambiguous, Set<Character.UnicodeScript> unspaced,
                    List<String> clitics) {
        this.words = words;
        this.ambiguous = ambiguous;
        this.unspaced = unspaced;
        this.clitics = clitics;
        words.keySet().forEach(s -> byFirst.computeIfAbsent(s.codePointAt(0), c -> new ArrayList<>()).add(s));
        byFirst.values().forEach(list -> list.sort(Comparator.comparingInt(String::length).reversed()
                .thenComparing(Comparator.naturalOrder())));
    }

    /** The table of {@code grammars}; {@code languages} (the same codes) say which scripts go without spaces. */
    public static Lexicon of(List<Grammar> grammars, List<Language> languages) {
        Map<String, Map<WordClass, Map<String, Word>>> table = new TreeMap<>();
        List<String> clitics = new ArrayList<>();
        for (Grammar grammar : grammars) {
            String language = grammar.language();
            grammar.nouns().forEach((key, noun) -> noun.forms().forEach((form, text) -> {
                if (!grammar.measureForms().contains(form)) {
                    add(table, text, new Word(WordClass.SHAPE, key, language, counts(grammar, form), false));
                }
            }));
            grammar.adjectives().forEach((key, entry) -> {
                WordClass wordClass = isColour(key) ? WordClass.COLOUR : isSize(key) ? WordClass.SIZE : null;
                if (wordClass != null) {
                    Grammar.texts(entry).forEach(text -> add(table, text, new Word(wordClass, key, language, Set.of(), false)));
                }
            });
            grammar.numerals().forEach((key, entry) -> Grammar.texts(entry)
                    .forEach(text -> add(table, text, new Word(WordClass.NUMERAL, key, language, Set.of(), false))));
            grammar.positions().forEach((key, text) ->
                    add(table, text, new Word(WordClass.POSITION, key, language, Set.of(), false)));
            grammar.relations().forEach((key, pattern) -> {
                Matcher slot = TOKEN.matcher(pattern);
                if (slot.find()) {
                    String before = TOKEN.matcher(pattern.substring(0, slot.start())).replaceAll("").trim();
                    String after = TOKEN.matcher(pattern.substring(slot.end())).replaceAll("").trim();
                    boolean slotAfter = before.length() >= after.length();
                    add(table, slotAfter ? before : after, new Word(WordClass.RELATION, key, language, Set.of(), slotAfter));
                }
            });
            Stream.of(grammar.list().separator(), grammar.list().last()).map(Lexicon::clitic)
                    .filter(c -> !c.isEmpty() && !clitics.contains(c)).forEach(clitics::add);
        }
        Map<String, List<Word>> words = new LinkedHashMap<>();
        Set<String> ambiguous = new TreeSet<>();
        table.forEach((text, classes) -> {
            List<Word> readings = new ArrayList<>();
            classes.forEach((wordClass, byKey) -> {
                if (byKey.size() == 1) {
                    readings.add(byKey.values().iterator().next());
                } else {
                    ambiguous.add(text + " (" + wordClass + ": " + byKey.keySet() + ")");
                }
            });
            if (!readings.isEmpty()) {
                words.put(text, readings);
            }
        });
        Set<Character.UnicodeScript> unspaced = new TreeSet<>();
        languages.stream().filter(l -> l.wordSeparator().isEmpty()).forEach(l -> unspaced.addAll(l.scripts()));
        return new Lexicon(words, ambiguous, unspaced, clitics);
    }

    /** Every string the table left out because it names two things of one class, with what they are. */
    public Set<String> ambiguous() {
        return ambiguous;
    }

    public int size() {
        return words.size();
    }

    /** The table's strings found in {@code text} (lower-cased), left to right, longest match first. */
    public List<Mention> mentions(String text) {
        String lower = text.toLowerCase(Locale.ROOT);
        List<Mention> mentions = new ArrayList<>();
        int i = 0;
        while (i < lower.length()) {
            int end = match(lower, i);
            if (end > i) {
                mentions.add(new Mention(i, end, words.get(lower.substring(i, end))));
                i = end;
            } else {
                i += Character.charCount(lower.codePointAt(i));
            }
        }
        return mentions;
    }

    /** The end of the longest string of the table that starts at {@code start} on word boundaries, or start. */
    private int match(String text, int start) {
        List<String> candidates = byFirst.get(text.codePointAt(start));
        if (candidates == null || !boundaryBefore(text, start)) {
            return start;
        }
        for (String candidate : candidates) {
            if (text.startsWith(candidate, start) && boundaryAfter(text, start + candidate.length())) {
                return start + candidate.length();
            }
        }
        return start;
    }

    private boolean boundaryBefore(String text, int start) {
        if (start == 0 || !isWordChar(text.codePointBefore(start))
                || isUnspaced(text.codePointBefore(start)) || isUnspaced(text.codePointAt(start))) {
            return true;
        }
        for (String clitic : clitics) {
            int at = start - clitic.length();
            if (at >= 0 && text.startsWith(clitic, at) && (at == 0 || !isWordChar(text.codePointBefore(at)))) {
                return true;
            }
        }
        return false;
    }

    private boolean boundaryAfter(String text, int end) {
        return end == text.length() || !isWordChar(text.codePointAt(end))
                || isUnspaced(text.codePointBefore(end)) || isUnspaced(text.codePointAt(end));
    }

    private boolean isUnspaced(int codePoint) {
        return unspaced.contains(Character.UnicodeScript.of(codePoint));
    }

    private static boolean isWordChar(int codePoint) {
        int type = Character.getType(codePoint);
        return Character.isLetter(codePoint) || type == Character.NON_SPACING_MARK
                || type == Character.COMBINING_SPACING_MARK || type == Character.ENCLOSING_MARK;
    }

    /** The word a list joiner glues to the next item ({@code " و"} → {@code و}); empty when it ends in a space. */
    private static String clitic(String joiner) {
        if (joiner.isEmpty() || !isWordChar(joiner.codePointBefore(joiner.length()))) {
            return "";
        }
        String trimmed = joiner.strip();
        return trimmed.substring(trimmed.lastIndexOf(' ') + 1).toLowerCase(Locale.ROOT);
    }

    private static void add(Map<String, Map<WordClass, Map<String, Word>>> table, String text, Word word) {
        String key = text.strip().toLowerCase(Locale.ROOT);
        if (!key.isEmpty()) {
            table.computeIfAbsent(key, k -> new TreeMap<>()).computeIfAbsent(word.wordClass(), c -> new TreeMap<>())
                    .merge(word.key(), word, Lexicon::union);
        }
    }

    /** One string read alike in several forms or languages: the counts of all its forms. */
    private static Word union(Word a, Word b) {
        Set<Integer> counts = new TreeSet<>(a.counts());
        if (a.counts().isEmpty() || b.counts().isEmpty()) {
            counts.clear(); // a form of any count ("*", "def") says nothing about the count
        } else {
            counts.addAll(b.counts());
        }
        return new Word(a.wordClass(), a.key(), a.language(), counts, a.slotAfter());
    }

    /** The counts whose count form is {@code form} (English {@code pl}: 2, 3, 4); empty for other forms. */
    private static Set<Integer> counts(Grammar grammar, String form) {
        Set<Integer> counts = new TreeSet<>();
        grammar.countForms().forEach((count, name) -> {
            if (name.equals(form)) {
                counts.add(Integer.parseInt(count));
            }
        });
        return counts;
    }


    private static boolean isColour(String key) {
        return Stream.of(Colour.values()).anyMatch(c -> c.key().equals(key));
    }

    private static boolean isSize(String key) {
        return Stream.of(Size.values()).anyMatch(s -> s.key().equals(key));
    }
}
