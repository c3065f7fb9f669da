package dev.palo.data.mini.grammar;

import com.fasterxml.jackson.databind.JsonNode;
import dev.palo.data.lang.Language;
import dev.palo.data.lang.Punctuation;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The engine that turns a {@link Meaning} into a sentence of one language: it fills the intent's template from
 * the grammar's lexicon, makes adjectives, numerals and words agree with their slot (gender and count form),
 * capitalises, and ends the sentence with the language's own mark from the registry.
 */
public final class Renderer {

    private static final Pattern TOKEN = Pattern.compile("\\{([^{}]+)}");
    /** Stands for a token that rendered to nothing, so the space beside it can go too. */
    private static final String EMPTY = "\u0000";

    private final Grammar grammar;
    private final Language language;
    private final Grammar english;

    /** {@code english} supplies the words an untranslated-word distortion leaves in. */
    public Renderer(Grammar grammar, Language language, Grammar english) {
        if (!grammar.language().equals(language.code())) {
            throw new IllegalArgumentException("grammar '" + grammar.language() + "' used for language '"
                    + language.code() + "'");
        }
        this.grammar = grammar;
        this.language = language;
        this.english = english;
    }

    public Grammar grammar() {
        return grammar;
    }

    public Language language() {
        return language;
    }

    /** The sentences of {@code meanings}, joined the way the language joins sentences. */
    public String text(List<Meaning> meanings) {
        List<String> sentences = new ArrayList<>(meanings.size());
        meanings.forEach(meaning -> sentences.add(sentence(meaning, List.of())));
        return String.join(grammar.sentenceJoin(), sentences);
    }

    public String sentence(Meaning meaning) {
        return sentence(meaning, List.of());
    }

    public String sentence(Meaning meaning, List<Distortion> distortions) {
        Context context = new Context(meaning, distortions);
        String body = tidy(fill(grammar.templates().get(meaning.intent().key()), context, null));
        body = capitalise(body);
        Punctuation punctuation = language.punctuation();
        return meaning.intent().isQuestion() ? punctuation.question(body) : punctuation.statement(body);
    }

    private String fill(String pattern, Context context, String currentSlot) {
        Matcher matcher = TOKEN.matcher(pattern);
        StringBuilder out = new StringBuilder(pattern.length() + 32);
        while (matcher.find()) {
            String value = token(matcher.group(1), context, currentSlot);
            matcher.appendReplacement(out, Matcher.quoteReplacement(value.isEmpty() ? EMPTY : value));
        }
        matcher.appendTail(out);
        return out.toString();
    }

    private String token(String spec, Context context, String currentSlot) {
        switch (spec) {
            case ",":
                return language.punctuation().comma();
            case "list":
                return list(context);
            case "rel":
                String relation = context.meaning.relation();
                if (relation == null) {
                    throw error("template uses {rel} but the " + context.meaning.intent().key() + " meaning has no relation");
                }
                return fill(grammar.relations().get(relation), context, null);
            default:
                break;
        }
        int colon = spec.indexOf(':');
        String head = colon < 0 ? spec : spec.substring(0, colon);
        String arg = colon < 0 ? null : spec.substring(colon + 1);
        int dot = head.indexOf('.');
        String slotName = dot < 0 ? currentSlot : head.substring(0, dot);
        String kind = dot < 0 ? head : head.substring(dot + 1);
        if (slotName == null) {
            throw error("token {" + spec + "} names no slot");
        }
        Slot slot = context.slot(slotName);
        return switch (kind) {
            case "noun" -> noun(slotName, slot, arg, context);
            case "colour" -> slot.colour() == null ? ""
                    : context.has(slotName, Distortion.Kind.ENGLISH_COLOUR) ? english.adjectives().get(slot.colour()).asText()
                    : agree(grammar.adjectives().get(slot.colour()), "adjective '" + slot.colour() + "'", slotName, slot, arg, context);
            case "size" -> slot.size() == null ? ""
                    : agree(grammar.adjectives().get(slot.size()), "adjective '" + slot.size() + "'", slotName, slot, arg, context);
            case "adj" -> agree(grammar.adjectives().get(arg), "adjective '" + arg + "'", slotName, slot, null, context);
            case "num" -> agree(grammar.numerals().get(Integer.toString(slot.count())), "numeral " + slot.count(),
                    slotName, slot, null, context);
            case "w" -> agree(grammar.words().get(arg), "word '" + arg + "'", slotName, slot, null, context);
            case "pos" -> position(slot);
            case "np", "counted" -> fill(phrase(kind, slot), context, slotName);
            default -> throw error("unknown token {" + spec + "}");
        };
    }

    private String list(Context context) {
        List<String> items = new ArrayList<>();
        List<Slot> slots = context.meaning.list();
        for (int i = 0; i < slots.size(); i++) {
            String name = "list" + i;
            context.slots.put(name, slots.get(i));
            items.add(fill(phrase("np", slots.get(i)), context, name));
        }
        return grammar.list().join(items);
    }

    private String noun(String slotName, Slot slot, String form, Context context) {
        if (context.has(slotName, Distortion.Kind.ENGLISH_NOUN) && (form == null || !grammar.measureForms().contains(form))) {
            return english.nouns().get(slot.noun()).forms().get(slot.count() == 1 ? "one" : "pl");
        }
        Noun noun = grammar.nouns().get(slot.noun());
        if (noun == null) {
            throw error("no noun '" + slot.noun() + "'");
        }
        String wanted = form != null ? form : grammar.countForm(slot.count());
        String value = noun.forms().getOrDefault(wanted, noun.forms().get("*"));
        if (value == null) {
            throw error("noun '" + slot.noun() + "' has no form '" + wanted + "'");
        }
        return value;
    }

    private String position(Slot slot) {
        if (slot.position() == null) {
            throw error("a template asks for the position of '" + slot.noun() + "', which has none");
        }
        return grammar.positions().get(slot.position());
    }

    private String phrase(String name, Slot slot) {
        Map<String, String> patterns = grammar.phrases().get(name);
        String form = grammar.countForm(slot.count());
        String pattern = patterns.getOrDefault(form, patterns.get("*"));
        if (pattern == null) {
            throw error("phrase '" + name + "' has no pattern for count form '" + form + "' and no '*'");
        }
        return pattern;
    }

    /**
     * The form of an agreeing entry for a slot: tried as {@code form.gender}, {@code form}, {@code gender},
     * {@code *}, where form is the slot's count form unless the template names one.
     */
    private String agree(JsonNode entry, String what, String slotName, Slot slot, String form, Context context) {
        if (entry == null) {
            throw error("no " + what);
        }
        if (entry.isTextual()) {
            return entry.asText();
        }
        String wanted = form != null ? form : grammar.countForm(slot.count());
        String gender = context.gender(slotName, slot);
        List<String> keys = gender == null ? List.of(wanted, "*") : List.of(wanted + "." + gender, wanted, gender, "*");
        for (String key : keys) {
            JsonNode value = entry.get(key);
            if (value != null) {
                return value.asText();
            }
        }
        throw error(what + " has no form for " + keys);
    }

    private static String tidy(String text) {
        return text.replace(EMPTY + " ", "").replace(" " + EMPTY, "").replace(EMPTY, "").trim();
    }

    private static String capitalise(String text) {
        for (int i = 0; i < text.length(); i++) {
            if (Character.isLetter(text.charAt(i))) {
                return text.substring(0, i) + Character.toTitleCase(text.charAt(i)) + text.substring(i + 1);
            }
        }
        return text;
    }

    private IllegalStateException error(String message) {
        return new IllegalStateException("grammar '" + grammar.language() + "': " + message);
    }

    /** The slots and distortions of the sentence being rendered. */
    private final class Context {
        final Meaning meaning;
        final Map<String, Slot> slots;
        final List<Distortion> distortions;

        Context(Meaning meaning, List<Distortion> distortions) {
            this.meaning = meaning;
            this.slots = new HashMap<>(meaning.slots());
            this.distortions = distortions;
        }

        Slot slot(String name) {
            Slot slot = slots.get(name);
            if (slot == null) {
                throw error("template of '" + meaning.intent().key() + "' uses slot '" + name + "', which the meaning lacks");
            }
            return slot;
        }

        boolean has(String slotName, Distortion.Kind kind) {
            return distortions.stream().anyMatch(d -> d.slot().equals(slotName) && d.kind() == kind);
        }

        /** The slot noun's gender, or the language's other gender under a wrong-gender distortion. */
        String gender(String slotName, Slot slot) {
            String gender = grammar.nouns().get(slot.noun()).gender();
            if (gender == null || !has(slotName, Distortion.Kind.WRONG_GENDER)) {
                return gender;
            }
            return grammar.genders().stream().filter(g -> !g.equals(gender)).findFirst().orElse(gender);
        }
    }
}
