package dev.palo.workflows.pipeline;

import dev.palo.workflows.ArtifactRef;
import dev.palo.workflows.evaluate.EvaluateConfig;
import dev.palo.workflows.training.LoraSettings;
import dev.palo.workflows.training.TrainingSettings;
import java.util.Objects;

/**
 * The model half of the recipe: base models, projector pretraining on captions (alongside the language stages),
 * LoRA fine-tuning of the baseline and PALO arms on their datasets, and evaluation of both arms on the
 * multilingual bench in English and every target language, ending in the paper's Table 1.
 *
 * @param base     the frozen vision encoder and LM
 * @param captions caption pairs for projector pretraining (LLaVA JSON)
 * @param pretrain projector pretraining settings
 * @param finetune LoRA fine-tune settings, the same for both arms
 * @param lora     LoRA rank, alpha and dropout
 * @param bench    the multilingual LLaVA-Bench folder with its images (a stored directory)
 * @param evaluate generation and scorer settings
 */
public record TrainingSpec(BaseModelSetup base, ArtifactRef captions, TrainingSettings pretrain,
                           TrainingSettings finetune, LoraSettings lora, ArtifactRef bench, EvaluateConfig evaluate) {
    public TrainingSpec {
        Objects.requireNonNull(base, "training needs base models");
        Objects.requireNonNull(captions, "training needs pretraining captions");
        Objects.requireNonNull(pretrain, "training needs pretrain settings");
        Objects.requireNonNull(finetune, "training needs fine-tune settings");
        Objects.requireNonNull(lora, "training needs LoRA settings");
        Objects.requireNonNull(bench, "training needs the evaluation bench");
        Objects.requireNonNull(evaluate, "training needs evaluation settings");
    }
}
