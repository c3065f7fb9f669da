package dev.palo.activities.translation.tune;

import dev.palo.data.llava.LlavaRecord;
import dev.palo.data.llava.Turn;
import dev.palo.model.translator.LocalTranslator;
import dev.palo.model.translator.TranslationPair;
import dev.palo.model.translator.TranslatorConfig;
import dev.palo.model.translator.TranslatorTraining;
import dev.palo.workflows.translation.tune.LocalTune;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A corpus a tiny local translator learns in seconds: "{count} {colour} {shape}." into French, adjective
 * after the noun; and reviewed conversations made of the same phrases, for the local tune.
 */
final class FrenchPhrases {
    static final String LANGUAGE = "fr";
    private static final String[][] COUNTS = {{"one", "un"}, {"two", "deux"}, {"three", "trois"}};
    private static final String[][] COLOURS = {{"red", "rouge"}, {"blue", "bleu"}, {"green", "vert"}};
    private static final String[][] SHAPES = {{"circle", "cercle"}, {"square", "carre"}};

    private FrenchPhrases() {
    }

    /** 18 English → French phrase pairs. */
    static List<TranslationPair> pairs() {
        List<TranslationPair> pairs = new ArrayList<>();
        for (String[] count : COUNTS) {
            for (String[] colour : COLOURS) {
                for (String[] shape : SHAPES) {
                    pairs.add(new TranslationPair(LANGUAGE, count[0] + " " + colour[0] + " " + shape[0] + ".",
                            count[1] + " " + shape[1] + " " + colour[1] + "."));
                }
            }
        }
        return pairs;
    }

    /** Nine reviewed conversations, a question and an answer each, English beside French: 18 tune pairs. */
    static List<LlavaRecord> correctedPairs(String idPrefix) {
        List<TranslationPair> phrases = pairs();
        List<LlavaRecord> records = new ArrayList<>();
        for (int i = 0; i + 1 < phrases.size(); i += 2) {
            TranslationPair question = phrases.get(i);
            TranslationPair answer = phrases.get(i + 1);
            records.add(new LlavaRecord(idPrefix + "-" + i, "images/" + i + ".png",
                    List.of(Turn.human(Turn.IMAGE_TOKEN + "\n" + question.target()), Turn.gpt(answer.target())),
                    List.of(Turn.human(Turn.IMAGE_TOKEN + "\n" + question.source()), Turn.gpt(answer.source())),
                    Map.of(), false, LANGUAGE, Map.of()));
        }
        return records;
    }

    /** A base translator trained on {@link #pairs()}; the caller closes it. */
    static LocalTranslator trainBase() {
        try (TranslatorTraining training = TranslatorTraining.start(
                TranslatorConfig.tiny().withSizes(320, 32, 64, 1, 2).withTraining(1e-2, 3, 8), pairs())) {
            while (!training.finished()) {
                training.step();
            }
            return training.result();
        }
    }

    /** {@code base} tuned without interruption, as the local backend tunes it; the caller closes it. */
    static LocalTranslator tune(LocalTranslator base, LocalTune settings,
                                List<TranslationPair> pairs) {
        try (TranslatorTraining training = TranslatorTraining.tune(base, LocalTuner.tuningConfig(settings), pairs)) {
            while (!training.finished()) {
                training.step();
            }
            return training.result();
        }
    }
}
