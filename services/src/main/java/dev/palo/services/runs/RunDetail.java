package dev.palo.services.runs;

import java.time.Instant;
import java.util.List;

/**
 * A run with its progress per language and stage.
 *
 * @param source        the English dataset's URI
 * @param trackingRunId the MLflow run, once created
 * @param failure       why the run failed, when it did
 */
public record RunDetail(String id, String status, Instant startTime, Instant closeTime, String source,
                        String trackingRunId, List<LanguageProgress> languages, String failure, RunLinks links) {
}
