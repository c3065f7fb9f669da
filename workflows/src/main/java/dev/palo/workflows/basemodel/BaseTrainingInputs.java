package dev.palo.workflows.basemodel;

import dev.palo.workflows.ArtifactRef;
import dev.palo.workflows.dataset.LanguageSet;
import java.util.List;

/**
 * What the PALO-mini base models are trained on.
 *
 * @param corpus       the base LM's text, one line per sample (PALO-mini's {@code corpus/base-lm.txt})
 * @param sceneRecords LLaVA JSON whose records carry a {@code scene} signature (PALO-mini's captions and English
 *                     instructions); their images teach the vision tower
 * @param imagePrefix  object-store key prefix the records' image paths are relative to
 * @param heldOut      per language, LLaVA JSON the LM never trained on (PALO-mini's gold sets); its replies are
 *                     scored to show how well the base LM knows each language
 * @param settings     architecture and recipes; part of the cache key
 */
public record BaseTrainingInputs(ArtifactRef corpus, List<ArtifactRef> sceneRecords, String imagePrefix,
                                 List<LanguageSet> heldOut, BaseModelSettings settings) {
    public BaseTrainingInputs {
        sceneRecords = List.copyOf(sceneRecords);
        heldOut = heldOut == null ? List.of() : List.copyOf(heldOut);
        if (sceneRecords.isEmpty()) {
            throw new IllegalArgumentException("base-model training needs at least one scene record file for the"
                    + " vision tower");
        }
    }
}
