package dev.palo.data.mini.errors;

import dev.palo.data.llava.Turn;
import dev.palo.data.mini.grammar.Distortion;
import dev.palo.data.mini.grammar.Meaning;
import dev.palo.data.mini.grammar.Renderer;
import dev.palo.data.mini.grammar.Slot;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.regex.Pattern;

/**
 * Builds one language's translation seed corpus: gold translations, and targets carrying each error class in
 * exactly {@code round(rate × sentences)} sentences, chosen at random among the sentences where that error can
 * show. Errors are made while rendering (wrong gender, English word) or on the rendered text (verb → noun,
 * punctuation); gold is always the clean rendering, so no error reaches it.
 */
public final class ErrorInjector {

    private static final Pattern WORD_BREAK = Pattern.compile("[^\\p{L}\\p{M}]+");

    private final Renderer target;
    private final Renderer english;
    private final VerbNounSwap verbNouns;
    private final Set<String> targetVocabulary;

    public ErrorInjector(Renderer target, Renderer english) {
        this.target = target;
        this.english = english;
        this.verbNouns = new VerbNounSwap(target.grammar(), target.language());
        this.targetVocabulary = target.grammar().vocabulary();
    }

    public List<SeedEntry> inject(List<SeedSentence> sentences, ErrorRates rates, SplittableRandom random) {
        int n = sentences.size();
        List<String> gold = new ArrayList<>(n);
        sentences.forEach(s -> gold.add(target.sentence(s.meaning())));
        Map<Integer, List<Distortion>> distortions = new HashMap<>();
        Map<ErrorClass, Set<Integer>> chosen = new EnumMap<>(ErrorClass.class);
        for (ErrorClass errorClass : ErrorClass.values()) {
            if (!applies(errorClass)) {
                continue;
            }
            Map<Integer, Distortion> eligible = new HashMap<>();
            List<Integer> indices = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                Distortion distortion = eligibility(errorClass, sentences.get(i).meaning(), gold.get(i), random);
                if (distortion != null || textLevelChanges(errorClass, gold.get(i))) {
                    indices.add(i);
                    if (distortion != null) {
                        eligible.put(i, distortion);
                    }
                }
            }
            int wanted = (int) Math.round(rates.rate(errorClass) * n);
            if (indices.size() < wanted) {
                throw new IllegalArgumentException(target.language().code() + ": error rate " + rates.rate(errorClass)
                        + " for " + errorClass.code() + " needs " + wanted + " of " + n + " sentences but only "
                        + indices.size() + " can carry that error");
            }
            Collections.shuffle(indices, new Random(random.nextLong()));
            Set<Integer> picked = Set.copyOf(indices.subList(0, wanted));
            chosen.put(errorClass, picked);
            picked.stream().filter(eligible::containsKey)
                    .forEach(i -> distortions.computeIfAbsent(i, k -> new ArrayList<>()).add(eligible.get(i)));
        }
        List<SeedEntry> entries = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            SeedSentence sentence = sentences.get(i);
            String text = target.sentence(sentence.meaning(), distortions.getOrDefault(i, List.of()));
            List<String> errors = new ArrayList<>();
            for (ErrorClass errorClass : ErrorClass.values()) {
                if (chosen.getOrDefault(errorClass, Set.of()).contains(i)) {
                    errors.add(errorClass.code());
                    text = switch (errorClass) {
                        case NOUN_FOR_VERB -> verbNouns.apply(text);
                        case PUNCTUATION -> PunctuationErrors.apply(text, target.language().punctuation());
                        default -> text;
                    };
                }
            }
            String prefix = sentence.withImage() ? Turn.IMAGE_TOKEN + "\n" : "";
            entries.add(new SeedEntry(sentence.id(), target.language().code(),
                    prefix + english.sentence(sentence.meaning()), prefix + text, prefix + gold.get(i), errors));
        }
        return entries;
    }

    private boolean applies(ErrorClass errorClass) {
        return switch (errorClass) {
            case GENDER -> target.grammar().hasGender();
            case NOUN_FOR_VERB -> !target.grammar().verbNouns().isEmpty();
            default -> true;
        };
    }

    private boolean textLevelChanges(ErrorClass errorClass, String gold) {
        return switch (errorClass) {
            case NOUN_FOR_VERB -> !verbNouns.apply(gold).equals(gold);
            case PUNCTUATION -> true;
            default -> false;
        };
    }

    /** For the render-time classes, one distortion (at random among those that show) or null if none shows. */
    private Distortion eligibility(ErrorClass errorClass, Meaning meaning, String gold, SplittableRandom random) {
        if (errorClass != ErrorClass.GENDER && errorClass != ErrorClass.UNTRANSLATED) {
            return null;
        }
        List<Distortion> showing = new ArrayList<>();
        for (Map.Entry<String, Slot> slot : meaning.slots().entrySet()) {
            switch (errorClass) {
                case GENDER -> addIfShowing(showing, new Distortion(slot.getKey(), Distortion.Kind.WRONG_GENDER), meaning, gold);
                case UNTRANSLATED -> {
                    if (isForeign(nounInEnglish(slot.getValue()))) {
                        addIfShowing(showing, new Distortion(slot.getKey(), Distortion.Kind.ENGLISH_NOUN), meaning, gold);
                    }
                    if (slot.getValue().colour() != null
                            && isForeign(english.grammar().adjectives().get(slot.getValue().colour()).asText())) {
                        addIfShowing(showing, new Distortion(slot.getKey(), Distortion.Kind.ENGLISH_COLOUR), meaning, gold);
                    }
                }
                default -> throw new IllegalStateException(errorClass + " is not a render-time error");
            }
        }
        return showing.isEmpty() ? null : showing.get(random.nextInt(showing.size()));
    }

    private void addIfShowing(List<Distortion> showing, Distortion distortion, Meaning meaning, String gold) {
        if (!target.sentence(meaning, List.of(distortion)).equals(gold)) {
            showing.add(distortion);
        }
    }

    private String nounInEnglish(Slot slot) {
        return english.grammar().nouns().get(slot.noun()).forms().get(slot.count() == 1 ? "one" : "pl");
    }

    /** True when no word of the English text is also a word of the target language (French "triangle"). */
    private boolean isForeign(String englishText) {
        for (String word : WORD_BREAK.split(englishText.toLowerCase(Locale.ROOT))) {
            if (targetVocabulary.contains(word)) {
                return false;
            }
        }
        return true;
    }
}
