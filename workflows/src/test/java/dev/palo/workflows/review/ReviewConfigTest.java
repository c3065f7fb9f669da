package dev.palo.workflows.review;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class ReviewConfigTest {
    private static final QuorumPolicy HALF = new QuorumPolicy(0.5, 3, true, MissedQuorum.FAIL);

    @Test
    void theQuorumIsTheLargerOfCountAndFractionCappedAtTheSample() {
        assertEquals((int) Math.ceil(0.5 * 11), HALF.required(11));
        assertEquals(3, HALF.required(4), "the count wins over half of 4");
        assertEquals(2, HALF.required(2), "never more than the sample");
        assertEquals(0, HALF.required(0));
    }

    @Test
    void thePaperDefaultsAndNoReviewAreValidConfigs() {
        ReviewConfig paper = ReviewConfig.defaults();
        assertTrue(paper.quorum().required(paper.sampleSize()) <= paper.sampleSize());
        assertEquals(0, ReviewConfig.none().quorum().required(ReviewConfig.none().sampleSize()));
    }

    @Test
    void badSettingsAreRefusedNamingTheSetting() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new QuorumPolicy(1.5, 0, false,
                MissedQuorum.FAIL)).getMessage().contains("minDecidedFraction"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new QuorumPolicy(0.5, 0, false, null))
                .getMessage().contains("onMissed"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new ReviewConfig(-1, List.of(), 1,
                Duration.ofHours(1), HALF, ReviewerMode.HUMAN, Duration.ZERO)).getMessage().contains("sampleSize"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new ReviewConfig(10, List.of(300, 200), 1,
                Duration.ofHours(1), HALF, ReviewerMode.HUMAN, Duration.ZERO)).getMessage().contains("ascending"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new ReviewConfig(10, List.of(), 1,
                Duration.ZERO, HALF, ReviewerMode.HUMAN, Duration.ZERO)).getMessage().contains("deadline"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new ReviewConfig(10, List.of(), 1,
                Duration.ofHours(1), HALF, ReviewerMode.SIMULATED, Duration.ofSeconds(-1)))
                .getMessage().contains("simulatedDelay"));
    }
}
