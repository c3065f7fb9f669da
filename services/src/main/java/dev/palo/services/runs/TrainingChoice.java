package dev.palo.services.runs;

import dev.palo.workflows.basemodel.BaseModelSettings;
import dev.palo.workflows.evaluate.EvaluateConfig;
import dev.palo.workflows.training.LoraSettings;
import dev.palo.workflows.training.TrainingSettings;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * The model half of a run on PALO-mini: every part left out takes the mini preset's value. Base-model inputs,
 * captions and the bench come from the run's PALO-mini data.
 */
@Schema(description = "Base models, projector pretraining, LoRA fine-tuning of both arms and evaluation; every"
        + " part left out takes the PALO-mini default. Needs data: mini…")
public record TrainingChoice(BaseModelSettings base, TrainingSettings pretrain, TrainingSettings finetune,
                             LoraSettings lora, EvaluateConfig evaluate) {

    BaseModelSettings baseOrDefault() {
        return base != null ? base : BaseModelSettings.mini();
    }

    TrainingSettings pretrainOrDefault() {
        return pretrain != null ? pretrain : TrainingSettings.pretrainMini();
    }

    TrainingSettings finetuneOrDefault() {
        return finetune != null ? finetune : TrainingSettings.finetuneMini();
    }

    LoraSettings loraOrDefault() {
        return lora != null ? lora : LoraSettings.mini();
    }

    EvaluateConfig evaluateOrDefault() {
        return evaluate != null ? evaluate : EvaluateConfig.offlineDefaults();
    }
}
