package dev.palo.services.runs;

import dev.palo.workflows.RunPriority;
import dev.palo.workflows.dataset.DatasetConfig;
import dev.palo.workflows.postedit.QaConfig;
import dev.palo.workflows.review.ReviewConfig;
import dev.palo.workflows.translation.translate.TranslateConfig;
import dev.palo.workflows.translation.tune.TuneConfig;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * Body of {@code POST /api/runs}: the fields of a {@link dev.palo.workflows.pipeline.PipelineSpec},
 * with the source named by URI (or PALO-mini by size) and defaults for the optional settings.
 * Secrets travel only by name ({@code translate.apiKeySecret}).
 */
@Schema(description = "A pipeline run to start")
public record StartRunRequest(
        @Schema(description = "English LLaVA JSON in the platform's object store; give this or data",
                example = "s3://palo/datasets/english.json")
        String source,
        @Schema(description = "PALO-mini, generated and uploaded by the platform: mini (tiny) or mini:tiny|demo|full;"
                + " give this or source", example = "mini:demo")
        String data,
        @Schema(description = "English LLaVA JSON in the store whose records the languages translate, validated like"
                + " source; the English set still trains both arms whole (PALO translated LLaVA-Instruct-150K of the"
                + " 665K it trained on). Only with source; left out: the languages translate the source",
                example = "s3://palo/datasets/english-150k.json")
        String translationSource,
        @Schema(description = "target language codes from the language registry; left out, the registry's default"
                + " set (the paper's nine targets)", example = "[\"ar\", \"hi\"]")
        List<String> languages,
        @Schema(description = "OpenAI-compatible translation backend; apiKeySecret is the NAME of a secret on the"
                + " operator's allow-list (PALO_SECRETS_BINDINGS), never the key, and must be bound to baseUrl's"
                + " origin or the run is refused with 400. Not needed with the local translator")
        TranslateConfig translate,
        @Schema(description = "the translator of the first translation; the translate endpoint's model when left out")
        TranslatorChoice translator,
        @Schema(description = "post-edit QA thresholds; the defaults when left out")
        QaConfig qa,
        @Schema(description = "human review of a sample per language; the paper's setup when left out"
                + " (1K conversations, HUMAN reviewers, 7 days). SIMULATED with PALO-mini data: the platform's"
                + " simulated reviewers decide with the gold text")
        ReviewConfig review,
        @Schema(description = "dataset build of the baseline and PALO arms: shuffle seed and records per shard;"
                + " seed 7 and 50000 records per shard when left out")
        DatasetConfig dataset,
        @Schema(description = "translator fine-tune on the review's corrections, then re-translation; left out:"
                + " each language ends at review")
        TuneConfig tune,
        @Schema(description = "base models, pretraining, LoRA fine-tuning of both arms and evaluation (Table 1);"
                + " left out: the run ends at dataset-build")
        TrainingChoice training,
        @Schema(description = "who or what starts the run, shown in the runs list: API (the default), CLI, DASHBOARD"
                + " or EVENT")
        RunTrigger trigger,
        @Schema(description = "HIGH, NORMAL (the default) or LOW: the run's GPU work goes before that of runs of lower"
                + " priority waiting for a lane; within a run, short work (translation, evaluation) still goes before"
                + " training")
        RunPriority priority) {
}
