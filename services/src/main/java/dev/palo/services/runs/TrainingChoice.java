package dev.palo.services.runs;

import dev.palo.workflows.basemodel.BaseModelSettings;
import dev.palo.workflows.evaluate.EvaluateConfig;
import dev.palo.workflows.training.LoraSettings;
import dev.palo.workflows.training.TrainingSettings;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * The model half of a run on PALO-mini: every part left out takes the mini preset's value. Base-model inputs,
 * captions and the bench come from the run's PALO-mini data.
 *
 * @param bench which PALO-mini bench the evaluate stage scores: {@code test} (left out: the one Table 1 reports) or
 *              {@code validation} (held-out scenes of its own, for choosing a recipe without the test bench)
 * @param stepMatchedBaseline true: the baseline arm trains as many optimizer steps as the PALO arm (the step-matched
 *              control); left out: both arms train the same epochs
 */
@Schema(description = "Base models, projector pretraining, LoRA fine-tuning of both arms and evaluation; every"
        + " part left out takes the PALO-mini default. Needs data: mini…")
public record TrainingChoice(BaseModelSettings base, TrainingSettings pretrain, TrainingSettings finetune,
                             LoraSettings lora, EvaluateConfig evaluate,
                             @Schema(description = "Which PALO-mini bench evaluate scores: test (default) or"
                                     + " validation (choose recipes on it)", enumeration = {"test", "validation"})
                             String bench,
                             @Schema(description = "The step-matched control: the English-only baseline arm trains for"
                                     + " as many optimizer steps as the PALO arm (its epochs scaled by the arms' record"
                                     + " counts); left out: false")
                             Boolean stepMatchedBaseline) {
    public static final String TEST_BENCH = "test";
    public static final String VALIDATION_BENCH = "validation";

    public TrainingChoice {
        bench = bench == null ? TEST_BENCH : bench.toLowerCase(java.util.Locale.ROOT);
        if (!TEST_BENCH.equals(bench) && !VALIDATION_BENCH.equals(bench)) {
            throw new IllegalArgumentException("training.bench must be '" + TEST_BENCH + "' or '" + VALIDATION_BENCH
                    + "', got '" + bench + "'");
        }
    }

    boolean stepMatched() {
        return Boolean.TRUE.equals(stepMatchedBaseline);
    }

    boolean onValidationBench() {
        return VALIDATION_BENCH.equals(bench);
    }

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
