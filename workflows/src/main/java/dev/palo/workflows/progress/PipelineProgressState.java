package dev.palo.workflows.progress;

import java.util.List;

/**
 * A pipeline workflow's answer to its {@code progress} query.
 *
 * @param languages     the run's target languages, in request order (each has its own language workflow)
 * @param source        the English dataset's URI
 * @param trackingRunId the run's MLflow run, once created
 * @param stages        the run-level stages (validate, translator, base models, pretrain, dataset-build and
 *                      fine-tune per arm, evaluate) in the order they started
 */
public record PipelineProgressState(List<String> languages, String source, String trackingRunId,
                                    List<StageState> stages) {
    public PipelineProgressState {
        languages = languages == null ? List.of() : List.copyOf(languages);
        stages = stages == null ? List.of() : List.copyOf(stages);
    }
}
