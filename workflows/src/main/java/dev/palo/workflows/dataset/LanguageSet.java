package dev.palo.workflows.dataset;

import dev.palo.workflows.ArtifactRef;
import java.util.List;

/**
 * One language's instruction set, with what it was made from.
 *
 * @param language code of the language its {@code conversations} are written in, e.g. {@code ar}
 * @param data     LLaVA JSON (translated sets carry PALO's fields: {@code english_conversations},
 *                 {@code corrupt}, {@code language})
 * @param lineage  artifacts the set was derived with, e.g. the translator model; recorded in the
 *                 dataset's index, empty when none
 */
public record LanguageSet(String language, ArtifactRef data, List<ArtifactRef> lineage) {
    public LanguageSet {
        lineage = lineage == null ? List.of() : List.copyOf(lineage);
    }
}
