package dev.palo.workflows.pretrain;

import dev.palo.workflows.ArtifactRef;
import dev.palo.workflows.training.TrainingSettings;

/**
 * @param runId         pipeline run id (first part of every output key)
 * @param baseModel     the base PaloModel bundle (StoredDirectory index): frozen vision tower and LM
 * @param captions      LLaVA caption pairs (PALO-mini's {@code pretrain/captions.json})
 * @param imagePrefix   object-store key prefix the captions' image paths are relative to
 * @param settings      batch, epochs, max length, checkpoint interval, seed
 * @param trackingRunId MLflow run of this stage (receives per-step metrics and the bundle's files)
 */
public record PretrainRequest(String runId, ArtifactRef baseModel, ArtifactRef captions, String imagePrefix,
                              TrainingSettings settings, String trackingRunId) {
}
