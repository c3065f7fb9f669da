package dev.palo.activities.worker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.palo.workflows.StageResult;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StageMetricsTest {
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final StageMetrics metrics = new StageMetrics(registry);

    @Test
    void aFinishedStageCountsItsRecordsAndTokensByStageAndLanguage() {
        metrics.record("finetuneLora", done(result(false, Map.of("records.read", 120.0, "trained_tokens", 4000.0))),
                2_000_000_000L);
        metrics.record("finetuneLora", done(result(false, Map.of("records.read", 30.0, "trained_tokens", 1000.0))),
                1_000_000_000L);
        assertEquals(150, registry.get("palo.stage.records").tags("stage", "finetune", "language", "ar").counter().count());
        assertEquals(5000, registry.get("palo.stage.tokens").tags("stage", "finetune", "language", "ar").counter().count());
        assertEquals(2, registry.get("palo.stage.duration").tags("activity", "finetuneLora", "outcome", "completed",
                "cache_hit", "false").timer().count());
    }

    @Test
    void aFailedAttemptACacheHitOrAResultOtherThanAStageIsTimedButCountsNothing() {
        metrics.record("translate", new AroundActivities.Ended(false, null), 1_000L);
        metrics.record("translate", done(result(true, Map.of("records", 10.0))), 1_000L);
        metrics.record("recordDecision", done(null), 1_000L);
        assertEquals(1, registry.get("palo.stage.duration").tags("outcome", "failed").timer().count());
        assertEquals(1, registry.get("palo.stage.duration").tags("cache_hit", "true").timer().count());
        assertEquals(1, registry.get("palo.stage.duration").tags("activity", "recordDecision", "outcome", "completed")
                .timer().count());
        assertNull(registry.find("palo.stage.records").counter());
    }

    private static AroundActivities.Ended done(Object result) {
        return new AroundActivities.Ended(true, result);
    }

    private static StageResult result(boolean cacheHit, Map<String, Double> figures) {
        return new StageResult("finetune", "ar", null, null, cacheHit, figures);
    }
}
