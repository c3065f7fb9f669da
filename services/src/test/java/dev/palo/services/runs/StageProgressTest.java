package dev.palo.services.runs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StageProgressTest {
    @Test
    void aHeartbeatCountsAsANumberOrATrainingStep() {
        assertEquals(12L, StageProgress.countOf("12", null));
        assertEquals(40L, StageProgress.countOf("{\"step\":40,\"checkpoint\":null}", null));
        assertEquals(3L, StageProgress.countOf("{\"fileId\":\"f\"}", 3L));
        assertNull(StageProgress.countOf(null, null));
    }

    @Test
    void curvesGiveATrainingStageItsStepsDoneAndToDo() {
        StageProgress running = new StageProgress("finetune", "palo", "RUNNING", null, null, null, Map.of(), null,
                "t", null, null, null, null, null, null, null, null, null);
        TrainingCurves curves = new TrainingCurves(List.of(new TrainingCurves.Point(5, 3.2),
                new TrainingCurves.Point(10, 2.9)), List.of(), 50L);

        StageProgress stepped = running.withCurves(curves);

        assertEquals(10L, stepped.done());
        assertEquals(50L, stepped.total());
        assertEquals("steps", stepped.unit());
    }

    @Test
    void theRunsListReadsThePaloArmAndItsGainFromTable1() throws Exception {
        String json = """
                {"columns": ["en", "Avg.H", "Avg.L"], "rows": [
                  {"label": "baseline", "values": {"en": 50.0, "Avg.H": 40.0, "Avg.L": 10.0}},
                  {"label": "palo", "values": {"en": 49.0, "Avg.H": 41.5, "Avg.L": 35.25}},
                  {"label": "palo − baseline", "values": {"en": -1.0, "Avg.H": 1.5, "Avg.L": 25.25}}]}""";

        RunScores scores = RunReports.parseScores(new ObjectMapper().readTree(json));

        assertEquals("41.5 (+1.5)", scores.high());
        assertEquals("35.3 (+25.3)", scores.low());
    }
}
