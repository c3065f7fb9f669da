package dev.palo.model.train;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** HF get_cosine_schedule_with_warmup: linear warmup over ceil(ratio × total) steps, then half a cosine. */
class CosineScheduleTest {

    @Test
    void warmupStepsAreRoundedUp() {
        assertEquals(3, CosineSchedule.withWarmupRatio(100, 0.03).warmupSteps());
        assertEquals(1, CosineSchedule.withWarmupRatio(10, 0.03).warmupSteps(), "ceil(0.3) = 1");
        assertEquals(0, CosineSchedule.withWarmupRatio(10, 0).warmupSteps());
    }

    @Test
    void factorsFollowWarmupThenCosine() {
        CosineSchedule schedule = CosineSchedule.withWarmupRatio(100, 0.03);
        assertEquals(0.0, schedule.factor(0));
        assertEquals(1.0 / 3, schedule.factor(1), 1e-12);
        assertEquals(2.0 / 3, schedule.factor(2), 1e-12);
        assertEquals(1.0, schedule.factor(3), 1e-12);
        for (int step = 3; step <= 100; step++) {
            double progress = (step - 3) / 97.0;
            assertEquals((1 + Math.cos(Math.PI * progress)) / 2, schedule.factor(step), 1e-12, "step " + step);
        }
        assertEquals(0.5, schedule.factor(3) / 2 + schedule.factor(100) / 2, 1e-12);
        assertEquals(0.0, schedule.factor(100), 1e-12);
    }

    @Test
    void badArgumentsAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> CosineSchedule.withWarmupRatio(0, 0.03));
        assertThrows(IllegalArgumentException.class, () -> CosineSchedule.withWarmupRatio(10, 1.5));
    }
}
