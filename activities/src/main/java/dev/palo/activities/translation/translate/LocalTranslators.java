package dev.palo.activities.translation.translate;

import dev.palo.activities.stage.StageErrors;
import dev.palo.model.translator.LocalTranslator;
import dev.palo.workflows.ArtifactRef;
import dev.palo.workflows.translation.translate.TranslatorRef;
import java.io.IOException;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The local translator models of this worker, loaded once per bundle digest and shared by every
 * translate attempt that names that bundle (chunks and languages alike), so no attempt reloads
 * the weights. Models nobody uses are closed once more than {@link #KEEP_LOADED} are loaded: a
 * worker that re-translates with a new tuned translator per language does not keep them all.
 */
final class LocalTranslators {
    static final int KEEP_LOADED = 3;

    /** Downloads a bundle (by its index) and loads its model, e.g. {@code TranslatorBundles::load}. */
    @FunctionalInterface
    interface Loader {
        LocalTranslator load(ArtifactRef bundleIndex) throws IOException;
    }

    private final Loader loader;
    /** By bundle digest, least recently used first. */
    private final Map<String, Loaded> loaded = new LinkedHashMap<>(16, 0.75f, true);

    LocalTranslators(Loader loader) {
        this.loader = loader;
    }

    /**
     * A translator into {@code languageCode} through the model of {@code translator}'s bundle,
     * downloading and loading it first if this worker has not; closing it releases the model.
     */
    TextTranslator open(TranslatorRef translator, String languageCode) throws IOException {
        Loaded model = acquire(translator);
        if (!model.translator.languages().contains(languageCode)) {
            release(model);
            throw StageErrors.invalid("local translator '" + translator.model() + "' (" + translator.weights().uri()
                    + ") translates into " + model.translator.languages() + ", not '" + languageCode + "'");
        }
        return new LocalTextTranslator(model.translator, languageCode, () -> release(model));
    }

    /** Loading holds the lock: a second attempt for the same bundle waits rather than loading it twice. */
    private synchronized Loaded acquire(TranslatorRef translator) throws IOException {
        Loaded model = loaded.get(translator.weights().sha256());
        if (model == null) {
            try {
                model = new Loaded(loader.load(translator.weights()));
            } catch (IllegalArgumentException notATranslator) {
                throw StageErrors.invalid("local translator '" + translator.model() + "' ("
                        + translator.weights().uri() + "): " + notATranslator.getMessage());
            }
            loaded.put(translator.weights().sha256(), model);
        }
        model.users++;
        return model;
    }

    private synchronized void release(Loaded model) {
        model.users--;
        Iterator<Loaded> leastRecentFirst = loaded.values().iterator();
        while (loaded.size() > KEEP_LOADED && leastRecentFirst.hasNext()) {
            Loaded candidate = leastRecentFirst.next();
            if (candidate.users == 0) {
                leastRecentFirst.remove();
                candidate.translator.close();
            }
        }
    }

    /** A loaded model and the number of open translators using it. */
    private static final class Loaded {
        private final LocalTranslator translator;
        private int users;

        private Loaded(LocalTranslator translator) {
            this.translator = translator;
        }
    }
}
