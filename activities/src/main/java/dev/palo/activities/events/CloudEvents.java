package dev.palo.activities.events;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.palo.workflows.events.PaloEvent;
import java.time.Instant;

/**
 * A {@link PaloEvent} as a CloudEvents 1.0 event in structured mode: one JSON document holding the context
 * attributes and the data ({@code application/cloudevents+json}). Eight attributes, written with Jackson; the
 * CloudEvents SDK would add its own object model for no gain here.
 */
public final class CloudEvents {
    public static final String SPEC_VERSION = "1.0";
    public static final String CONTENT_TYPE = "application/cloudevents+json; charset=UTF-8";
    /** The {@code source} of every pipeline event: the workflow run inside the platform. */
    public static final String SOURCE_PREFIX = "/palo/runs/";
    private static final ObjectMapper JSON = new ObjectMapper();

    private CloudEvents() {
    }

    public static byte[] structured(PaloEvent event) {
        ObjectNode json = JSON.createObjectNode();
        json.put("specversion", SPEC_VERSION);
        json.put("id", event.id());
        json.put("source", SOURCE_PREFIX + event.runId());
        json.put("type", event.type());
        json.put("subject", event.subject());
        json.put("time", Instant.ofEpochMilli(event.timeMillis()).toString());
        json.put("datacontenttype", "application/json");
        json.set("data", JSON.valueToTree(event.data()));
        try {
            return JSON.writeValueAsBytes(json);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalArgumentException("event " + event.id() + " cannot be written as JSON", e);
        }
    }
}
