package dev.palo.activities.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.palo.workflows.events.EventTypes;
import dev.palo.workflows.events.PaloEvent;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CloudEventsTest {
    @Test
    void anEventIsAStructuredCloudEventWithItsDeterministicIdAndWorkflowTime() throws Exception {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("runId", "run-1");
        data.put("stage", "translate");
        data.put("label", "ar");
        data.put("cacheHit", true);
        PaloEvent event = PaloEvent.of(EventTypes.STAGE_COMPLETED, "run-1", "translate/ar", 1_700_000_000_000L, data);

        JsonNode json = new ObjectMapper().readTree(CloudEvents.structured(event));

        assertEquals("1.0", json.path("specversion").asText());
        assertEquals("run-1/stage.completed/translate/ar", json.path("id").asText());
        assertEquals("/palo/runs/run-1", json.path("source").asText());
        assertEquals(EventTypes.STAGE_COMPLETED, json.path("type").asText());
        assertEquals("translate/ar", json.path("subject").asText());
        assertEquals("2023-11-14T22:13:20Z", json.path("time").asText());
        assertEquals("application/json", json.path("datacontenttype").asText());
        assertEquals("ar", json.path("data").path("label").asText());

        String line = EventTailMain.line(CloudEvents.structured(event));
        assertTrue(line.contains("stage.completed") && line.contains("translate/ar") && line.contains("cache hit"),
                line);
    }

    @Test
    void runEventsHaveTheRunAsSubjectAndAShortId() {
        PaloEvent event = PaloEvent.of(EventTypes.RUN_STARTED, "run-1", "run-1", 0, Map.of("runId", "run-1"));
        assertEquals("run-1/run.started", event.id());
    }
}
