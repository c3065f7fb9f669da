package dev.palo.workflows.pipeline;

import com.google.common.collect.ImmutableSortedMap;
import dev.palo.workflows.ArtifactRef;
import dev.palo.workflows.dataset.DatasetConfig;
import dev.palo.workflows.postedit.QaConfig;
import dev.palo.workflows.review.ReviewConfig;
import dev.palo.workflows.translation.translate.TranslateConfig;
import dev.palo.workflows.translation.tune.TuneConfig;
import java.util.List;
import java.util.Map;

/**
 * What a user asks for: translate one English LLaVA dataset into any subset of the registry's
 * languages. Checked by the workflow before anything runs.
 *
 * @param source    English LLaVA JSON in the object store
 * @param languages target language codes, e.g. {@code [ar, hi]}
 * @param translate translation endpoint and batching
 * @param qa        post-edit QA thresholds
 * @param review    human review: sample size and strata, deadline, quorum policy, reviewer mode
 * @param dataset   dataset build of both arms: shuffle seed and shard size
 * @param imagePrefix key prefix in the object store that the source's image paths are relative to;
 *                  null skips validation's image checks
 * @param translationSource the English records every language translates (the paper's 150K of the 665K);
 *                  null translates the whole source
 * @param translator which translator makes the first translation; null: the {@code translate} settings' chat model
 * @param tune      translator fine-tune on the review's corrections, then re-translation; null stops each language
 *                  at review
 * @param training  base models, pretraining, LoRA fine-tuning of both arms and evaluation; null stops the run
 *                  after dataset-build
 * @param corrections per language code, corrected pairs from outside the platform (an annotation tool; LLaVA JSON
 *                  with {@code english_conversations}, like the review's output) that the language's translator
 *                  tunes on beside its review's pairs; null or absent: the review's pairs alone
 */
public record PipelineSpec(ArtifactRef source, List<String> languages, TranslateConfig translate, QaConfig qa,
                           ReviewConfig review, DatasetConfig dataset, String imagePrefix,
                           ArtifactRef translationSource, TranslatorSetup translator, TuneConfig tune,
                           TrainingSpec training, Map<String, ArtifactRef> corrections) {
    /** Without outside corrections. */
    public PipelineSpec(ArtifactRef source, List<String> languages, TranslateConfig translate, QaConfig qa,
                        ReviewConfig review, DatasetConfig dataset, String imagePrefix,
                        ArtifactRef translationSource, TranslatorSetup translator, TuneConfig tune,
                        TrainingSpec training) {
        this(source, languages, translate, qa, review, dataset, imagePrefix, translationSource, translator, tune,
                training, null);
    }

    /** Translation by the configured chat model, without translator fine-tuning. */
    public PipelineSpec(ArtifactRef source, List<String> languages, TranslateConfig translate, QaConfig qa,
                        ReviewConfig review, DatasetConfig dataset, String imagePrefix) {
        this(source, languages, translate, qa, review, dataset, imagePrefix, null, null, null, null);
    }

    /** Without images in the store: validation checks the text only. */
    public PipelineSpec(ArtifactRef source, List<String> languages, TranslateConfig translate, QaConfig qa,
                        ReviewConfig review, DatasetConfig dataset) {
        this(source, languages, translate, qa, review, dataset, null);
    }

    /** With the default dataset settings. */
    public PipelineSpec(ArtifactRef source, List<String> languages, TranslateConfig translate, QaConfig qa,
                        ReviewConfig review) {
        this(source, languages, translate, qa, review, DatasetConfig.defaults());
    }

    /** Without human review: the review stage draws an empty sample and passes through at once. */
    public PipelineSpec(ArtifactRef source, List<String> languages, TranslateConfig translate, QaConfig qa) {
        this(source, languages, translate, qa, ReviewConfig.none());
    }

    public PipelineSpec {
        languages = languages == null ? null : List.copyOf(languages);
        // sorted: Map.copyOf's order differs between JVMs, and this map is serialized into the history
        corrections = corrections == null || corrections.isEmpty() ? null
                : ImmutableSortedMap.copyOf(corrections);
    }

    /** The outside corrections for {@code language}, or null. */
    public ArtifactRef correctionsFor(String language) {
        return corrections == null ? null : corrections.get(language);
    }

    /** This spec tuning each named language's translator on the given corrections too. */
    public PipelineSpec withCorrections(Map<String, ArtifactRef> outside) {
        return new PipelineSpec(source, languages, translate, qa, review, dataset, imagePrefix, translationSource,
                translator, tune, training, outside);
    }

    /** This spec translating {@code translationSource} with {@code translator}, then tuning it with {@code tune}. */
    public PipelineSpec withTranslation(ArtifactRef translationSource, TranslatorSetup translator, TuneConfig tune) {
        return new PipelineSpec(source, languages, translate, qa, review, dataset, imagePrefix, translationSource,
                translator, tune, training, corrections);
    }

    /** This spec building the arms' datasets with {@code settings} (a study's data seed). */
    public PipelineSpec withDataset(DatasetConfig settings) {
        return new PipelineSpec(source, languages, translate, qa, review, settings, imagePrefix, translationSource,
                translator, tune, training, corrections);
    }

    /** This spec going on after dataset-build to train and evaluate both arms. */
    public PipelineSpec withTraining(TrainingSpec plan) {
        return new PipelineSpec(source, languages, translate, qa, review, dataset, imagePrefix, translationSource,
                translator, tune, plan, corrections);
    }
}
