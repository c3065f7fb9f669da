package dev.palo.workflows.pipeline;

import dev.palo.workflows.ArtifactRef;
import dev.palo.workflows.dataset.DatasetArm;
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
 * @param finetune LoRA fine-tune settings, the same for both arms unless the baseline is step-matched
 * @param lora     LoRA rank, alpha and dropout
 * @param bench    the multilingual LLaVA-Bench folder with its images (a stored directory)
 * @param evaluate generation and scorer settings
 * @param stepMatchedBaseline the step-matched control: the baseline arm (English only) trains for as many optimizer
 *                 steps as the PALO arm (its epochs scaled by the arms' record counts), so that PALO's gain is not
 *                 its ~3× the updates; false: both arms train the same epochs
 */
public record TrainingSpec(BaseModelSetup base, ArtifactRef captions, TrainingSettings pretrain,
                           TrainingSettings finetune, LoraSettings lora, ArtifactRef bench, EvaluateConfig evaluate,
                           boolean stepMatchedBaseline) {
    /** Both arms with the same fine-tune settings. */
    public TrainingSpec(BaseModelSetup base, ArtifactRef captions, TrainingSettings pretrain, TrainingSettings finetune,
                        LoraSettings lora, ArtifactRef bench, EvaluateConfig evaluate) {
        this(base, captions, pretrain, finetune, lora, bench, evaluate, false);
    }

    public TrainingSpec {
        Objects.requireNonNull(base, "training needs base models");
        Objects.requireNonNull(captions, "training needs pretraining captions");
        Objects.requireNonNull(pretrain, "training needs pretrain settings");
        Objects.requireNonNull(finetune, "training needs fine-tune settings");
        Objects.requireNonNull(lora, "training needs LoRA settings");
        Objects.requireNonNull(bench, "training needs the evaluation bench");
        Objects.requireNonNull(evaluate, "training needs evaluation settings");
    }

    /** This plan with other fine-tune settings (a study's fine-tune seed). */
    public TrainingSpec withFinetune(TrainingSettings settings) {
        return new TrainingSpec(base, captions, pretrain, settings, lora, bench, evaluate, stepMatchedBaseline);
    }

    /**
     * An arm's fine-tune settings: the plan's, except that a step-matched baseline trains {@code epochs × PALO records
     * / baseline records} epochs, the PALO arm's number of optimizer steps (to the step: the schedule rounds up).
     */
    public TrainingSettings finetuneOf(DatasetArm arm, long baselineRecords, long paloRecords) {
        if (!stepMatchedBaseline || arm != DatasetArm.BASELINE || baselineRecords <= 0 || paloRecords <= 0) {
            return finetune;
        }
        return finetune.withEpochs(finetune.epochs() * paloRecords / baselineRecords);
    }
}
