package dev.palo.workflows.events;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One thing a run did, as the publish activity receives it; the activity writes it as a CloudEvent on the events
 * topic, keyed by {@code runId}. Built in workflow code, so every field is deterministic: {@code id} is derived from
 * the run, the type and the subject (stage, language or arm, task and version), never random, and {@code timeMillis}
 * is workflow time. A retried publish therefore carries the same id, and consumers can deduplicate on it.
 *
 * @param id         unique per run and transition, e.g. {@code run-1/stage.completed/translate/ar}
 * @param type       one of {@link EventTypes}
 * @param runId      the pipeline run (the Kafka key)
 * @param subject    what the event is about inside the run, e.g. {@code translate/ar}; the run id for run events
 * @param timeMillis when it happened, in workflow time
 * @param data       the type's payload; insertion-ordered so the published JSON has a stable field order
 */
public record PaloEvent(String id, String type, String runId, String subject, long timeMillis,
                        Map<String, Object> data) {
    public PaloEvent {
        Objects.requireNonNull(id, "event id");
        Objects.requireNonNull(type, "event type");
        Objects.requireNonNull(runId, "event runId");
        data = data == null ? new LinkedHashMap<>() : new LinkedHashMap<>(data);
    }

    /** An event whose id is {@code <runId>/<type without prefix>/<subject>}. */
    public static PaloEvent of(String type, String runId, String subject, long timeMillis, Map<String, Object> data) {
        String shortType = type.startsWith(EventTypes.PREFIX) ? type.substring(EventTypes.PREFIX.length()) : type;
        String id = runId + "/" + shortType + (subject.equals(runId) ? "" : "/" + subject);
        return new PaloEvent(id, type, runId, subject, timeMillis, data);
    }
}
