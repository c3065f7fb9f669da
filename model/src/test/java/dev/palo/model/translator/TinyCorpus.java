package dev.palo.model.translator;

import java.util.ArrayList;
import java.util.List;

/**
 * A rule-generated two-language corpus small enough to learn in seconds: "{count} {colour} {shape}" into French and
 * Spanish, word for word with the adjective after the noun. {@link #mistranslated} gives the same pairs with one
 * systematic error (the colour left in English), as an un-tuned translator would make it.
 */
final class TinyCorpus {
    private static final String[][] COUNTS = {{"one", "un", "un"}, {"two", "deux", "dos"}, {"three", "trois", "tres"}};
    private static final String[][] COLOURS = {{"red", "rouge", "rojo"}, {"blue", "bleu", "azul"}, {"green", "vert", "verde"}};
    private static final String[][] SHAPES = {{"circle", "cercle", "circulo"}, {"square", "carre", "cuadrado"}};

    private TinyCorpus() {
    }

    /** 18 French and 18 Spanish pairs. */
    static List<TranslationPair> pairs() {
        return build(false);
    }

    /** The French pairs with the colour untranslated; Spanish pairs unchanged. */
    static List<TranslationPair> mistranslated() {
        return build(true);
    }

    /** The correct French pairs alone. */
    static List<TranslationPair> french() {
        return pairs().stream().filter(p -> p.language().equals("fr")).toList();
    }

    private static List<TranslationPair> build(boolean englishColourInFrench) {
        List<TranslationPair> pairs = new ArrayList<>();
        for (int language = 1; language <= 2; language++) {
            for (String[] count : COUNTS) {
                for (String[] colour : COLOURS) {
                    for (String[] shape : SHAPES) {
                        String target = count[language] + " " + shape[language] + " "
                                + (englishColourInFrench && language == 1 ? colour[0] : colour[language]) + ".";
                        pairs.add(new TranslationPair(language == 1 ? "fr" : "es",
                                count[0] + " " + colour[0] + " " + shape[0] + ".", target));
                    }
                }
            }
        }
        return pairs;
    }

    /** A translator config that learns this corpus: tiny sizes, a vocabulary the corpus can fill. */
    static TranslatorConfig config(double epochs) {
        return TranslatorConfig.tiny().withSizes(320, 32, 64, 1, 2).withTraining(1e-2, epochs, 8);
    }

    static LocalTranslator train(TranslatorConfig config, List<TranslationPair> pairs) {
        try (TranslatorTraining training = TranslatorTraining.start(config, pairs)) {
            while (!training.finished()) {
                training.step();
            }
            return training.result();
        }
    }
}
