package dev.palo.services.runs;

import dev.palo.workflows.dataset.DatasetConfig;
import dev.palo.workflows.postedit.QaConfig;
import dev.palo.workflows.review.ReviewConfig;
import dev.palo.workflows.translate.TranslateConfig;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * Body of {@code POST /api/runs}: the fields of a {@link dev.palo.workflows.pipeline.PipelineSpec},
 * with the source named by URI and defaults for
 * the optional settings. Secrets travel only by name ({@code translate.apiKeySecret}).
 */
@Schema(description = "A pipeline run to start")
public record StartRunRequest(
        @Schema(description = "English LLaVA JSON in the platform's object store", example = "s3://palo/datasets/english.json",
                required = true)
        String source,
        @Schema(description = "target language codes from the language registry", example = "[\"ar\", \"hi\"]",
                required = true)
        List<String> languages,
        @Schema(description = "OpenAI-compatible translation backend; apiKeySecret is the NAME of an env variable"
                + " or secret file, never the key", required = true)
        TranslateConfig translate,
        @Schema(description = "post-edit QA thresholds; the defaults when left out")
        QaConfig qa,
        @Schema(description = "human review of a sample per language; the paper's setup when left out"
                + " (1K conversations, HUMAN reviewers, 7 days)")
        ReviewConfig review,
        @Schema(description = "dataset build of the baseline and PALO arms: shuffle seed and records per shard;"
                + " seed 7 and 50000 records per shard when left out")
        DatasetConfig dataset) {
}
