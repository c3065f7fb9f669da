package dev.palo.activities.tracking;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.palo.activities.support.RecordingTracker;
import dev.palo.workflows.ArtifactRef;
import dev.palo.workflows.StageResult;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TrackingActivitiesImplTest {
    private final RecordingTracker tracker = new RecordingTracker();
    private final TrackingActivitiesImpl activities = new TrackingActivitiesImpl(tracker, "palo");

    @Test
    void startsAreIdempotentSoRetriesReuseRuns() {
        String pipeline = activities.startPipelineRun("run-1", Map.of("languages", "ar,hi"));
        assertEquals(pipeline, activities.startPipelineRun("run-1", Map.of("languages", "ar,hi")));

        String arabic = activities.startStageRun(pipeline, "translate", "ar");
        assertEquals(arabic, activities.startStageRun(pipeline, "translate", "ar"));
        assertNotEquals(arabic, activities.startStageRun(pipeline, "translate", "hi"));
        assertEquals(pipeline, tracker.parents.get(arabic));
        assertEquals("ar,hi", tracker.runTags.get(pipeline).get("param:languages"));
    }

    @Test
    void finishingAStageLogsItsMetricsCacheTagAndResultArtifact() throws Exception {
        String pipeline = activities.startPipelineRun("run-1", Map.of());
        String stage = activities.startStageRun(pipeline, "translate", "ar");
        ArtifactRef out = new ArtifactRef("s3://palo/out.json", "ab", 10, "application/json", 4);
        StageResult result = new StageResult("translate", "ar", out, out, true, Map.of("samples", 4.0));

        activities.finishStageRun(stage, result);

        assertEquals(4.0, tracker.metrics.stream().filter(m -> m.key().equals("samples")).findFirst()
                .orElseThrow().value());
        assertEquals("true", tracker.runTags.get(stage).get(TrackingActivitiesImpl.CACHE_HIT_TAG));
        assertEquals(result, new ObjectMapper().readValue(
                tracker.artifacts.get(stage + "/" + TrackingActivitiesImpl.RESULT_ARTIFACT), StageResult.class));
        assertTrue(tracker.ended.get(stage));
    }
}
