package dev.palo.workflows.validate;

import dev.palo.workflows.ArtifactRef;

/**
 * @param runId         pipeline run id (first part of every output key)
 * @param source        English LLaVA JSON as the user gave it
 * @param imagePrefix   key prefix in the object store that records' image paths are relative to;
 *                      null skips the image checks
 * @param trackingRunId MLflow run of this stage (receives the quarantine file)
 */
public record ValidateRequest(String runId, ArtifactRef source, String imagePrefix, String trackingRunId) {
}
