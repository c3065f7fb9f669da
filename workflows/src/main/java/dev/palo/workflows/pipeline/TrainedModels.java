package dev.palo.workflows.pipeline;

import dev.palo.workflows.StageResult;

/**
 * The model stages of a run; each output is a PaloModel bundle (stored directory).
 *
 * @param base     the frozen base models
 * @param pretrain base models with the pretrained projector
 * @param baseline the baseline arm's LoRA fine-tune (English instructions only)
 * @param palo     the PALO arm's LoRA fine-tune (English and every translated set)
 */
public record TrainedModels(StageResult base, StageResult pretrain, StageResult baseline, StageResult palo) {
}
