package dev.palo.workflows.pipeline;

import dev.palo.workflows.ArtifactRef;
import dev.palo.workflows.translation.base.BaseTranslatorConfig;
import dev.palo.workflows.translation.translate.TranslatorRef;
import java.util.List;

/**
 * Which translator makes each language's first translation: one that already exists (a chat model, a registered
 * local model), or a local translator the pipeline first trains on a translation seed corpus.
 *
 * @param given an existing translator; null when the pipeline trains one
 * @param seeds translation seed files ({@code translation-seed/<code>.jsonl}) to train on; empty with {@code given}
 * @param base  the local translator's size, recipe and registry name; null with {@code given}
 */
public record TranslatorSetup(TranslatorRef given, List<ArtifactRef> seeds, BaseTranslatorConfig base) {
    public TranslatorSetup {
        seeds = seeds == null ? List.of() : List.copyOf(seeds);
        if ((given == null) == seeds.isEmpty() || (given == null) == (base == null)) {
            throw new IllegalArgumentException("a translator setup names either an existing translator, or seed files"
                    + " and a base config to train a local one");
        }
    }

    public static TranslatorSetup use(TranslatorRef translator) {
        return new TranslatorSetup(translator, List.of(), null);
    }

    public static TranslatorSetup trainLocal(List<ArtifactRef> seeds, BaseTranslatorConfig base) {
        return new TranslatorSetup(null, seeds, base);
    }

    public boolean trainsLocal() {
        return given == null;
    }
}
