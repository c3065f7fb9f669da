package dev.palo.activities.translation.translate;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.palo.model.translator.LocalTranslator;
import dev.palo.workflows.ArtifactRef;
import dev.palo.workflows.translation.translate.TranslatorRef;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The worker's loaded local models: one load per bundle, the least recently used idle ones closed beyond the bound. */
class LocalTranslatorsTest {
    private final AtomicInteger loads = new AtomicInteger();
    private final LocalTranslators models = new LocalTranslators(bundle -> {
        loads.incrementAndGet();
        return TinyTranslator.load();
    });

    /** Bundles that differ by digest (all load the same saved model). */
    private static TranslatorRef bundle(String name) {
        return TranslatorRef.local(name, new ArtifactRef("s3://palo/translators/" + name + "/index.json",
                name.repeat(8), 1, "application/vnd.palo.directory+json", 4));
    }

    private void use(String name) throws Exception {
        try (TextTranslator translator = models.open(bundle(name), "ar")) {
            translator.translate(List.of("What colour is shape 1?")).join();
        }
    }

    @Test
    void aBundleIsLoadedOnceAndStaysLoadedWhileFewEnoughAreLoaded() throws Exception {
        use("a");
        use("a");
        use("b");
        use("a");

        assertEquals(2, loads.get());
    }

    @Test
    void theLeastRecentlyUsedIdleModelIsClosedBeyondTheBound() throws Exception {
        for (String name : List.of("a", "b", "c", "d")) {
            use(name);
        }
        assertEquals(4, loads.get());
        use("d");
        use("c");
        use("b");
        assertEquals(4, loads.get(), "the last " + LocalTranslators.KEEP_LOADED + " stay loaded");

        use("a");

        assertEquals(5, loads.get(), "a, used least recently, was closed and is loaded again");
    }

    @Test
    void aModelInUseIsNeverClosed() throws Exception {
        try (TextTranslator inUse = models.open(bundle("a"), "ar")) {
            for (String name : List.of("b", "c", "d", "e")) {
                use(name);
            }
            inUse.translate(List.of("It has 3 corners.")).join();
        }
        use("a");

        assertEquals(5, loads.get(), "a was loaded once, though four others came after it");
    }
}
