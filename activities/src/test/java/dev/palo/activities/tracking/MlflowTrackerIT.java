package dev.palo.activities.tracking;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.palo.activities.support.EmbeddedStack;
import dev.palo.activities.support.MlflowRest;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** {@link MlflowTracker} against the MLflow server of {@code ./palo up}, read back through REST. */
class MlflowTrackerIT {
    private static final String EXPERIMENT = "palo-it";

    @Test
    void runsNestMetricsKeepTheirStepsAndArtifactsGoThroughTheProxy() throws Exception {
        try (EmbeddedStack stack = EmbeddedStack.requireUp()) {
            MlflowTracker tracker = stack.tracker();
            MlflowRest rest = new MlflowRest(stack.mlflowUri);
            String id = UUID.randomUUID().toString();

            String parent = tracker.findOrCreateRun(EXPERIMENT, "parent", Map.of("palo.run", id), null);
            assertEquals(parent, tracker.findOrCreateRun(EXPERIMENT, "parent", Map.of("palo.run", id), null));
            String child = tracker.findOrCreateRun(EXPERIMENT, "child",
                    Map.of("palo.run", id, "palo.stage", "translate"), parent);
            for (int step = 0; step < 3; step++) {
                tracker.logMetric(child, "chunk.corrupt", step * 2, step);
            }
            tracker.logBatch(child, Map.of("samples", 400.0, "turns", 1600.0), Map.of("palo.cacheHit", "false"));
            byte[] report = "{\"ok\":true}".getBytes(StandardCharsets.UTF_8);
            tracker.uploadArtifact(child, "reports/check.json", report, "application/json");
            tracker.endRun(child, true);

            String experimentId = rest.experimentId(EXPERIMENT);
            List<JsonNode> nested = rest.searchRuns(experimentId, "tags.mlflow.parentRunId = '" + parent + "'");
            assertEquals(1, nested.size());
            assertEquals(child, nested.get(0).path("info").path("run_id").asText());
            assertEquals("FINISHED", nested.get(0).path("info").path("status").asText());
            Map<Integer, Double> byStep = new TreeMap<>();
            rest.metricHistory(child, "chunk.corrupt")
                    .forEach(m -> byStep.put(m.path("step").asInt(), m.path("value").asDouble()));
            assertEquals(Map.of(0, 0.0, 1, 2.0, 2, 4.0), byStep);
            assertTrue(rest.artifactPaths(child, "reports").contains("reports/check.json"));
            assertEquals(400.0, rest.metricHistory(child, "samples").get(0).path("value").asDouble());
            assertEquals(1600.0, rest.metricHistory(child, "turns").get(0).path("value").asDouble());
            assertEquals("false", nested.get(0).path("data").path("tags").findValuesAsText("value").stream()
                    .filter("false"::equals).findFirst().orElse(null));
        }
    }
}
