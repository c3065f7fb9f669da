package dev.palo.services.runs;

import java.time.Instant;
import java.util.List;

/**
 * A run with its progress per language and stage.
 *
 * @param source        the English dataset's URI
 * @param trackingRunId the MLflow run, once created
 * @param stages        stages that serve the whole run (validation, base models, dataset-build and training per
 *                      arm, evaluation), named with their language or arm
 * @param failure       why the run failed, when it did
 */
public record RunDetail(String id, String status, Instant startTime, Instant closeTime, String source,
                        String trackingRunId, List<StageProgress> stages, List<LanguageProgress> languages, String failure, RunLinks links) {
}
