package dev.palo.workflows.pipeline;

import dev.palo.workflows.ArtifactRef;
import dev.palo.workflows.dataset.DatasetConfig;
import dev.palo.workflows.postedit.QaConfig;
import dev.palo.workflows.review.ReviewConfig;
import dev.palo.workflows.translate.TranslateConfig;
import java.util.List;

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
 */
public record PipelineSpec(ArtifactRef source, List<String> languages, TranslateConfig translate, QaConfig qa,
                           ReviewConfig review, DatasetConfig dataset, String imagePrefix) {
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
    }
}
