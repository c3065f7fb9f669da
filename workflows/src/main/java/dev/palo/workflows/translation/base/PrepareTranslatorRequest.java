package dev.palo.workflows.translation.base;

import dev.palo.workflows.ArtifactRef;
import java.util.List;
import java.util.Objects;

/**
 * Base translator training.
 *
 * @param runId         pipeline run id (first part of every output key)
 * @param seeds         PALO-mini {@code translation-seed/<code>.jsonl} files, one per language (each line's
 *                      {@code lang} names its language; {@code source} → {@code target} pairs are trained on)
 * @param config        model preset, epochs, seed, registry name and checkpoint interval
 * @param trackingRunId MLflow run of this stage (params, loss per step, tokens/s); null to log nothing
 */
public record PrepareTranslatorRequest(String runId, List<ArtifactRef> seeds, BaseTranslatorConfig config,
                                       String trackingRunId) {
    public PrepareTranslatorRequest {
        Objects.requireNonNull(runId, "runId");
        Objects.requireNonNull(config, "translator config");
        if (seeds == null || seeds.isEmpty()) {
            throw new IllegalArgumentException("base translator training needs at least one translation seed file");
        }
        seeds = List.copyOf(seeds);
    }
}
