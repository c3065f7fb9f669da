package dev.palo.activities.source;

import com.google.common.collect.ImmutableSortedMap;
import dev.palo.workflows.ArtifactRef;
import java.util.Map;

/**
 * Where a PALO-mini tree lies in the store, file by file as the stages read it.
 *
 * @param tree              the whole tree (a stored directory): gold, manifest and everything below
 * @param imagePrefix       key prefix that records' image paths are relative to
 * @param english           the English instruction set (the baseline arm's data)
 * @param translationSource the English records every language translates
 * @param translationSeed   per language code, the translation seed corpus (JSON lines)
 * @param gold              per language code, gold translations of every English instruction
 * @param captions          pretraining caption pairs
 * @param corpus            the base-LM text corpus
 * @param bench             the multilingual LLaVA-Bench folder with its images (a stored directory): the test bench
 * @param validationBench   the validation bench, in the same layout, from held-out scenes of its own
 */
public record MiniSourceRefs(ArtifactRef tree, String imagePrefix, ArtifactRef english, ArtifactRef translationSource,
                             Map<String, ArtifactRef> translationSeed, Map<String, ArtifactRef> gold,
                             ArtifactRef captions, ArtifactRef corpus,
                             ArtifactRef bench, ArtifactRef validationBench) {
    public MiniSourceRefs {
        // by language code: Map.copyOf's order changes from one JVM to the next, and the seed files' order decides
        // the base translator's training batches
        translationSeed = ImmutableSortedMap.copyOf(translationSeed);
        gold = ImmutableSortedMap.copyOf(gold);
    }
}
