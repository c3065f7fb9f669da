package dev.palo.data.mini.read;

import dev.palo.data.lang.Language;
import dev.palo.data.lang.LanguageRegistry;
import dev.palo.data.mini.grammar.Grammar;
import dev.palo.data.mini.world.Relation;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Reads what a text states about a PALO-mini scene, in any of its languages and in a mix of them: the text is cut
 * into sentences at every language's final marks, and each sentence's {@link Lexicon} words become facts.
 * <ul>
 *   <li>two shapes and a relation phrase: a relation ({@code the circle is left of the square});</li>
 *   <li>two shapes and the words of some language's "bigger than" template: which is bigger;</li>
 *   <li>a count word (or a dual noun) and no position: a count of a shape or of all shapes, with the colour named;</li>
 *   <li>otherwise every colour, size and position named, of the one shape named; where a sentence names several
 *       shapes, a colour or size belongs to the nearest noun on the side its language's noun phrase puts it.</li>
 * </ul>
 * What the reader does not understand it skips: a garbled answer states fewer facts, never wrong ones.
 */
public final class FactReader {
    private final Lexicon lexicon;
    private final List<BiggerPattern> bigger;
    private final Map<String, Boolean> adjectiveFirst = new HashMap<>();
    private final Pattern sentenceEnd;

    public FactReader(List<Language> languages) {
        List<Grammar> grammars = languages.stream().map(l -> Grammar.forLanguage(l.code())).toList();
        this.lexicon = Lexicon.of(grammars, languages);
        this.bigger = grammars.stream().map(BiggerPattern::of).toList();
        for (Grammar grammar : grammars) {
            Map<String, String> np = grammar.phrases().get("np");
            String pattern = np.getOrDefault("*", np.values().iterator().next());
            adjectiveFirst.put(grammar.language(), pattern.indexOf("{colour}") < pattern.indexOf("{noun"));
        }
        String marks = languages.stream().map(Language::punctuation)
                .flatMap(p -> Stream.of(p.fullStop(), p.questionMark(), p.exclamationMark()))
                .distinct().map(Pattern::quote).collect(Collectors.joining("|"));
        this.sentenceEnd = Pattern.compile(marks + "|\\n");
    }

    /**
     * A reader of every registry language that has a PALO-mini grammar (the paper's ten and any added one), so that
     * an answer in any of them is read.
     */
    public static FactReader palo() {
        return new FactReader(LanguageRegistry.palo().all().stream().filter(FactReader::hasGrammar).toList());
    }

    private static boolean hasGrammar(Language language) {
        try {
            Grammar.source(language.code());
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    public Lexicon lexicon() {
        return lexicon;
    }

    /** Every fact {@code text} states, sorted. */
    public Set<Fact> read(String text) {
        Set<Fact> facts = new TreeSet<>();
        for (String sentence : sentenceEnd.split(text)) {
            if (!sentence.isBlank()) {
                facts.addAll(sentence(sentence));
            }
        }
        return facts;
    }

    private List<Fact> sentence(String sentence) {
        List<Mention> mentions = lexicon.mentions(sentence);
        List<Mention> shapes = mentions.stream().filter(FactReader::namesShape).toList();
        if (shapes.stream().map(FactReader::shape).distinct().count() >= 2) {
            Optional<Fact> pair = relation(mentions, shapes).or(() -> bigger(sentence, shapes));
            if (pair.isPresent()) {
                return List.of(pair.get());
            }
        }
        Optional<Fact> count = count(mentions, shapes);
        if (count.isPresent()) {
            return List.of(count.get());
        }
        return attributes(mentions, shapes);
    }

    private static Optional<Fact> relation(List<Mention> mentions, List<Mention> shapes) {
        for (Mention mention : mentions) {
            Optional<Word> word = mention.as(WordClass.RELATION);
            if (word.isEmpty()) {
                continue;
            }
            Optional<Mention> b = word.get().slotAfter()
                    ? shapes.stream().filter(s -> s.start() >= mention.end()).findFirst()
                    : shapes.stream().filter(s -> s.end() <= mention.start()).reduce((first, second) -> second);
            if (b.isPresent()) {
                Optional<Mention> a = shapes.stream().filter(s -> !shape(s).equals(shape(b.get()))).findFirst();
                if (a.isPresent()) {
                    return Optional.of(Fact.relation(shape(a.get()),
                            Relation.valueOf(word.get().key().toUpperCase(Locale.ROOT)), shape(b.get())));
                }
            }
        }
        return Optional.empty();
    }

    private Optional<Fact> bigger(String sentence, List<Mention> shapes) {
        String lower = sentence.toLowerCase(Locale.ROOT);
        String first = shape(shapes.get(0));
        String second = shapes.stream().map(FactReader::shape).filter(s -> !s.equals(first)).findFirst().orElseThrow();
        return bigger.stream().filter(p -> p.matches(lower)).findFirst()
                .map(p -> p.biggerFirst() ? Fact.bigger(first, second) : Fact.bigger(second, first));
    }

    /** A count needs a count word or a dual noun, a noun (a shape's or the generic one) and no position. */
    private static Optional<Fact> count(List<Mention> mentions, List<Mention> shapes) {
        if (mentions.stream().anyMatch(m -> m.is(WordClass.POSITION))) {
            return Optional.empty();
        }
        List<Mention> nouns = mentions.stream().filter(m -> m.is(WordClass.SHAPE)).toList();
        Optional<Integer> number = mentions.stream().flatMap(m -> m.as(WordClass.NUMERAL).stream())
                .map(w -> Integer.parseInt(w.key())).findFirst()
                .or(() -> nouns.stream().map(m -> m.as(WordClass.SHAPE).orElseThrow().impliedCount())
                        .filter(n -> n > 0).findFirst());
        Set<String> named = shapes.stream().map(FactReader::shape).collect(Collectors.toSet());
        if (number.isEmpty() || nouns.isEmpty() || named.size() > 1) {
            return Optional.empty();
        }
        Set<String> colours = keys(mentions, WordClass.COLOUR);
        return Optional.of(Fact.count(named.isEmpty() ? null : named.iterator().next(),
                colours.size() == 1 ? colours.iterator().next() : null, number.get()));
    }

    private List<Fact> attributes(List<Mention> mentions, List<Mention> shapes) {
        List<Fact> facts = new ArrayList<>();
        Set<String> named = shapes.stream().map(FactReader::shape).collect(Collectors.toCollection(TreeSet::new));
        for (Mention mention : mentions) {
            for (Word word : mention.readings()) {
                Fact.Kind kind = switch (word.wordClass()) {
                    case COLOUR -> Fact.Kind.COLOUR;
                    case SIZE -> Fact.Kind.SIZE;
                    case POSITION -> Fact.Kind.POSITION;
                    default -> null;
                };
                if (kind == null) {
                    continue;
                }
                Optional<String> owner = named.size() == 1 ? Optional.of(named.iterator().next())
                        : kind == Fact.Kind.POSITION ? Optional.empty() : owner(mention, word, shapes);
                owner.ifPresent(shape -> facts.add(Fact.attribute(kind, shape, word.key())));
            }
        }
        return facts;
    }

    /** The noun an adjective belongs to: the nearest one on the side its language puts adjectives. */
    private Optional<String> owner(Mention adjective, Word word, List<Mention> shapes) {
        boolean before = adjectiveFirst.getOrDefault(word.language(), true);
        Optional<Mention> noun = before
                ? shapes.stream().filter(s -> s.start() >= adjective.end()).findFirst()
                : shapes.stream().filter(s -> s.end() <= adjective.start()).reduce((first, second) -> second);
        return noun.map(FactReader::shape);
    }

    private static Set<String> keys(List<Mention> mentions, WordClass wordClass) {
        return mentions.stream().flatMap(m -> m.as(wordClass).stream()).map(Word::key)
                .collect(Collectors.toCollection(TreeSet::new));
    }

    private static boolean namesShape(Mention mention) {
        return mention.as(WordClass.SHAPE).filter(w -> !w.key().equals(Grammar.SHAPE_NOUN)).isPresent();
    }

    private static String shape(Mention mention) {
        return mention.as(WordClass.SHAPE).orElseThrow().key();
    }
}
