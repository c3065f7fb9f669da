package dev.palo.activities.translation.translate;

import dev.palo.activities.storage.LocalFolders;
import dev.palo.model.translator.LocalTranslator;
import dev.palo.model.translator.TranslationPair;
import dev.palo.model.translator.TranslatorConfig;
import dev.palo.model.translator.TranslatorTraining;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A test-sized local translator into Arabic and Hindi, trained for a few steps on sentences like
 * the test samples' turns: what it writes is not a good translation, but it is its own, and the
 * same for the same input. Trained once per test JVM and saved to a folder that every test loads
 * from; its answers are capped at a few tokens, so that generating them takes little time.
 */
final class TinyTranslator {
    private static final int MAX_ANSWER_TOKENS = 32;
    private static Path saved;

    private TinyTranslator() {
    }

    /** The saved translator's folder (deleted when the JVM exits). */
    static synchronized Path saved() {
        if (saved == null) {
            try (LocalTranslator translator = train()) {
                Path folder = Files.createTempDirectory("palo-tiny-translator-");
                translator.save(folder);
                Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                    try {
                        LocalFolders.delete(folder);
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                }));
                saved = folder;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return saved;
    }

    static LocalTranslator load() {
        return LocalTranslator.load(saved());
    }

    private static LocalTranslator train() {
        List<TranslationPair> pairs = new ArrayList<>();
        for (int i = 0; i < 16; i++) {
            pairs.add(new TranslationPair("ar", "What colour is shape " + i + "?", "ما لون الشكل " + i + "؟"));
            pairs.add(new TranslationPair("ar", "It has " + i + " corners.", "له " + i + " زوايا."));
            pairs.add(new TranslationPair("hi", "What colour is shape " + i + "?", "आकृति " + i + " का रंग क्या है?"));
            pairs.add(new TranslationPair("hi", "It has " + i + " corners.", "इसके " + i + " कोने हैं।"));
        }
        TranslatorConfig config = TranslatorConfig.tiny().toBuilder().maxTargetTokens(MAX_ANSWER_TOKENS).build();
        try (TranslatorTraining training = TranslatorTraining.start(config, pairs)) {
            while (!training.finished()) {
                training.step();
            }
            return training.result();
        }
    }
}
