package dev.palo.services.runs;

/**
 * @param temporal the run's workflow in the Temporal Web UI
 * @param mlflow   the run's MLflow run, or the MLflow UI while the tracking run does not exist yet
 */
public record RunLinks(String temporal, String mlflow) {
}
