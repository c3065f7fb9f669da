package dev.palo.workflows.events;

import io.temporal.workflow.Workflow;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The event that started (or was joined by) a run, kept in the workflow's memo under {@link #MEMO_KEY}: visible in
 * the API's run detail, in the Temporal UI, in the run's events and as tags of its tracking run.
 *
 * @param eventId        the trigger event's idempotency key
 * @param kind           {@code source.updated}, {@code corrections.added} or {@code language.added}
 * @param producer       who sent it, as the event says
 * @param topicPosition  {@code topic/partition@offset} of the record that started the run
 */
public record TriggerInfo(String eventId, String kind, String producer, String topicPosition) {
    public static final String MEMO_KEY = "palo.trigger";

    /** The running workflow's trigger, or null when a person or a script started it. */
    public static TriggerInfo ofCurrentWorkflow() {
        return Workflow.getMemo(MEMO_KEY, TriggerInfo.class, TriggerInfo.class);
    }

    /** The MLflow tags of a triggered run. */
    public Map<String, String> tags() {
        Map<String, String> tags = new LinkedHashMap<>();
        asData().forEach((field, value) -> tags.put("palo.trigger." + field, String.valueOf(value)));
        return tags;
    }

    /** As event data. */
    public Map<String, Object> asData() {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("eventId", eventId);
        data.put("kind", kind);
        data.put("producer", producer);
        data.put("position", topicPosition);
        return data;
    }
}
