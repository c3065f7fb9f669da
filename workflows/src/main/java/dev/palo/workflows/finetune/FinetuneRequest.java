package dev.palo.workflows.finetune;

import dev.palo.workflows.ArtifactRef;
import dev.palo.workflows.dataset.DatasetArm;
import dev.palo.workflows.training.LoraSettings;
import dev.palo.workflows.training.TrainingSettings;

/**
 * @param runId           pipeline run id (first part of every output key)
 * @param arm             which of the two datasets this is; its code names every key and the tracking run
 * @param pretrainedModel the pretrain stage's PaloModel bundle (StoredDirectory index)
 * @param dataset         the arm's dataset-build output ({@code dataset.json}: shards with checksums)
 * @param imagePrefix     object-store key prefix the records' image paths are relative to
 * @param settings        batch, epochs, max length, checkpoint interval, seed
 * @param lora            adapter rank, alpha and dropout
 * @param trackingRunId   MLflow run of this stage × arm (receives per-step metrics and the bundle's files)
 */
public record FinetuneRequest(String runId, DatasetArm arm, ArtifactRef pretrainedModel, ArtifactRef dataset,
                              String imagePrefix, TrainingSettings settings, LoraSettings lora,
                              String trackingRunId) {
}
