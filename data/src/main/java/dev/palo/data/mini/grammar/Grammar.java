package dev.palo.data.mini.grammar;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.palo.data.lang.ExtraLanguages;
import dev.palo.data.mini.world.Colour;
import dev.palo.data.mini.world.Region;
import dev.palo.data.mini.world.Relation;
import dev.palo.data.mini.world.ShapeKind;
import dev.palo.data.mini.world.Size;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.Map;
import java.util.stream.Stream;

/**
 * One language's PALO-mini grammar as written in {@code grammar/<code>.json}: a lexicon (nouns with gender and
 * forms, adjectives and numerals with agreement forms, positions, relation phrases, agreeing words), phrase
 * patterns and one sentence template per {@link Intent}. See the {@code about} field of each file for its notes.
 *
 * @param verbNouns    for each verb form the noun a careless translator puts in its place (error injection only)
 * @param measureForms noun forms that are measure words or counters (Chinese 个, Japanese つ), which stay in place
 *                     when the noun itself is left in English
 */
public record Grammar(
        String about,
        String language,
        List<String> genders,
        Map<String, String> countForms,
        String sentenceJoin,
        ListJoin list,
        Map<String, Noun> nouns,
        Map<String, JsonNode> adjectives,
        Map<String, JsonNode> numerals,
        Map<String, String> positions,
        Map<String, String> relations,
        Map<String, JsonNode> words,
        Map<String, Map<String, String>> phrases,
        Map<String, String> templates,
        Map<String, String> verbNouns,
        List<String> measureForms) {

    public Grammar {
        measureForms = measureForms == null ? List.of() : List.copyOf(measureForms);
    }

    /** The generic noun used to count objects of any shape. */
    public static final String SHAPE_NOUN = "shape";

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final Pattern WORD_BREAK = Pattern.compile("[^\\p{L}\\p{M}]+");

    /**
     * The grammar of a language code: shipped with the platform, or in a folder of {@link ExtraLanguages}; fails
     * naming the code and where it looked when there is none.
     */
    public static Grammar forLanguage(String code) {
        try (InputStream in = new ByteArrayInputStream(source(code))) {
            return load(in, "grammar/" + code + ".json");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the grammar of '" + code + "': " + e.getMessage(), e);
        }
    }

    /** The bytes of the file {@link #forLanguage} reads, so that a cache of generated data can key on them. */
    public static byte[] source(String code) {
        String resource = "grammar/" + code + ".json";
        try (InputStream in = Grammar.class.getResourceAsStream("/dev/palo/data/mini/" + resource)) {
            if (in != null) {
                return in.readAllBytes();
            }
            Optional<Path> extra = ExtraLanguages.grammar(code);
            if (extra.isPresent()) {
                return Files.readAllBytes(extra.get());
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + resource + ": " + e.getMessage(), e);
        }
        throw new IllegalArgumentException("no PALO-mini grammar for language '" + code + "' (looked for " + resource
                + " among the shipped grammars and in " + ExtraLanguages.GRAMMAR_FOLDER + "/ of the folders in "
                + ExtraLanguages.PROPERTY + "/" + ExtraLanguages.ENV + ": " + ExtraLanguages.folders() + ")");
    }

    /** Reads a grammar and checks that it covers the whole world's vocabulary and every intent. */
    public static Grammar load(InputStream json, String source) throws IOException {
        Grammar grammar;
        try {
            grammar = MAPPER.readValue(json, Grammar.class);
        } catch (IOException e) {
            throw new IOException(source + ": invalid grammar: " + e.getMessage(), e);
        }
        List<String> missing = grammar.missingEntries();
        if (!missing.isEmpty()) {
            throw new IllegalArgumentException(source + ": grammar is missing " + String.join(", ", missing));
        }
        return grammar;
    }

    /** True where adjectives, numerals or verbs agree in gender, so a wrong-gender form exists. */
    public boolean hasGender() {
        return genders.size() > 1;
    }

    /**
     * Every word the lexicon can produce (nouns, adjectives, numerals, positions, words), lower-cased: what a
     * check for untranslated English must not flag when the language spells a word the same way
     * (French {@code triangle}, {@code orange}).
     */
    public Set<String> vocabulary() {
        Set<String> vocabulary = new TreeSet<>();
        Stream.of(nouns.values().stream().flatMap(noun -> noun.forms().values().stream()),
                        Stream.of(adjectives, numerals, words()).flatMap(map -> map.values().stream()).flatMap(Grammar::texts),
                        positions.values().stream())
                .flatMap(s -> s)
                .flatMap(text -> Stream.of(WORD_BREAK.split(text.toLowerCase(Locale.ROOT))))
                .filter(word -> !word.isEmpty())
                .forEach(vocabulary::add);
        return vocabulary;
    }

    /** The text of a lexicon entry: the string itself, or every form of an agreeing entry. */
    public static Stream<String> texts(JsonNode entry) {
        if (entry.isTextual()) {
            return Stream.of(entry.asText());
        }
        List<String> texts = new ArrayList<>();
        entry.elements().forEachRemaining(value -> texts.add(value.asText()));
        return texts.stream();
    }

    public String countForm(int count) {
        return countForms.get(Integer.toString(count));
    }

    private List<String> missingEntries() {
        List<String> missing = new ArrayList<>();
        Stream.concat(Stream.of(ShapeKind.values()).map(ShapeKind::key), Stream.of(SHAPE_NOUN))
                .filter(key -> !nouns.containsKey(key)).forEach(key -> missing.add("noun '" + key + "'"));
        Stream.concat(Stream.of(Colour.values()).map(Colour::key), Stream.of(Size.values()).map(Size::key))
                .filter(key -> !adjectives.containsKey(key)).forEach(key -> missing.add("adjective '" + key + "'"));
        Stream.of(Region.values()).map(Region::key).filter(key -> !positions.containsKey(key))
                .forEach(key -> missing.add("position '" + key + "'"));
        Stream.of(Relation.values()).map(Relation::key).filter(key -> !relations.containsKey(key))
                .forEach(key -> missing.add("relation '" + key + "'"));
        Stream.of(Intent.values()).map(Intent::key).filter(key -> !templates.containsKey(key))
                .forEach(key -> missing.add("template '" + key + "'"));
        for (int count = 1; count <= 4; count++) {
            if (!countForms.containsKey(Integer.toString(count))) {
                missing.add("count form for " + count);
            }
            if (!numerals.containsKey(Integer.toString(count))) {
                missing.add("numeral " + count);
            }
        }
        Stream.of("np", "counted").filter(key -> !phrases.containsKey(key))
                .forEach(key -> missing.add("phrase '" + key + "'"));
        return missing;
    }
}
