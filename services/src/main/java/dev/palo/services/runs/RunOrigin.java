package dev.palo.services.runs;

import dev.palo.workflows.events.TriggerInfo;
import java.util.Map;

/**
 * Where a run comes from when an outside event asked for it: the run id the event's idempotency key decides, the
 * trigger kept as the run's metadata, and outside corrections per language ({@code s3://…} in the store).
 */
public record RunOrigin(String runId, TriggerInfo trigger, Map<String, String> corrections) {
    public RunOrigin {
        corrections = corrections == null ? Map.of() : corrections;
    }
}
