package dev.palo.services.runs;

import dev.palo.workflows.RunPriority;
import dev.palo.workflows.events.TriggerInfo;
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
 * @param trigger       the Kafka event that started the run (its id, kind, producer and topic position); null when a
 *                      person or a script started it
 * @param retry         the run this run retries and who asked; null for a run started from a request
 * @param priority      the run's priority, set in its request
 */
public record RunDetail(String id, String status, Instant startTime, Instant closeTime, String source,
                        String trackingRunId, List<StageProgress> stages, List<LanguageProgress> languages, String failure, RunLinks links,
                        TriggerInfo trigger, RunRetry retry, RunPriority priority) {
    /** A run of normal priority. */
    public RunDetail(String id, String status, Instant startTime, Instant closeTime, String source,
                     String trackingRunId, List<StageProgress> stages, List<LanguageProgress> languages, String failure,
                     RunLinks links, TriggerInfo trigger, RunRetry retry) {
        this(id, status, startTime, closeTime, source, trackingRunId, stages, languages, failure, links, trigger, retry,
                RunPriority.NORMAL);
    }

    /** A run that retries none. */
    public RunDetail(String id, String status, Instant startTime, Instant closeTime, String source,
                     String trackingRunId, List<StageProgress> stages, List<LanguageProgress> languages, String failure,
                     RunLinks links, TriggerInfo trigger) {
        this(id, status, startTime, closeTime, source, trackingRunId, stages, languages, failure, links, trigger, null,
                RunPriority.NORMAL);
    }

    /** A run nobody's event started. */
    public RunDetail(String id, String status, Instant startTime, Instant closeTime, String source,
                     String trackingRunId, List<StageProgress> stages, List<LanguageProgress> languages, String failure,
                     RunLinks links) {
        this(id, status, startTime, closeTime, source, trackingRunId, stages, languages, failure, links, null, null,
                RunPriority.NORMAL);
    }

    /** Ended without completing: an operator may retry it (not a JSON field: no getter name). */
    public boolean retryable() {
        return RunRetries.RETRYABLE.contains(status);
    }
}
