package dev.palo.activities.review;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import org.junit.jupiter.api.Test;

class StratifiedSamplerTest {
    private static final List<Integer> BOUNDS = List.of(100, 300);

    /** {@code shortOnes} of 50 characters, {@code longOnes} of 500, {@code flagged} of 200, interleaved. */
    private static List<ReviewCandidate> candidates(int shortOnes, int longOnes, int flagged) {
        List<ReviewCandidate> all = new ArrayList<>();
        for (int i = 0; i < Math.max(shortOnes, Math.max(longOnes, flagged)); i++) {
            if (i < shortOnes) {
                all.add(new ReviewCandidate("short-" + i, false, 50));
            }
            if (i < longOnes) {
                all.add(new ReviewCandidate("long-" + i, false, 500));
            }
            if (i < flagged) {
                all.add(new ReviewCandidate("flagged-" + i, true, 200));
            }
        }
        return all;
    }

    @Test
    void theSameSeedDrawsTheSameSampleAndAnotherSeedAnother() {
        List<ReviewCandidate> all = candidates(200, 200, 0);

        List<ReviewCandidate> first = new StratifiedSampler(30, BOUNDS, 42).sample(all);
        List<ReviewCandidate> again = new StratifiedSampler(30, BOUNDS, 42).sample(all);
        List<ReviewCandidate> other = new StratifiedSampler(30, BOUNDS, 43).sample(all);

        assertEquals(first, again);
        assertNotEquals(first, other);
        assertEquals(30, new HashSet<>(first).size(), "no record twice");
    }

    @Test
    void flaggedRecordsComeFirstAndAllOfThemWhenTheyFit() {
        int flagged = 7;
        List<ReviewCandidate> sample = new StratifiedSampler(20, BOUNDS, 1).sample(candidates(100, 100, flagged));

        assertEquals(20, sample.size());
        assertTrue(sample.subList(0, flagged).stream().allMatch(ReviewCandidate::flagged));
        assertTrue(sample.subList(flagged, sample.size()).stream().noneMatch(ReviewCandidate::flagged));
    }

    @Test
    void moreFlaggedThanTheSampleFillsItWithFlaggedOnly() {
        List<ReviewCandidate> sample = new StratifiedSampler(5, BOUNDS, 1).sample(candidates(10, 10, 8));

        assertEquals(5, sample.size());
        assertTrue(sample.stream().allMatch(ReviewCandidate::flagged));
    }

    @Test
    void unflaggedSlotsFollowTheStrataProportions() {
        int shortOnes = 100;
        int longOnes = 300;
        int size = 40;
        StratifiedSampler sampler = new StratifiedSampler(size, BOUNDS, 9);

        List<ReviewCandidate> sample = sampler.sample(candidates(shortOnes, longOnes, 0));

        long drawnShort = sample.stream().filter(c -> sampler.stratum(c.englishChars()) == 0).count();
        long drawnLong = sample.stream().filter(c -> sampler.stratum(c.englishChars()) == 2).count();
        assertEquals(size * shortOnes / (shortOnes + longOnes), drawnShort);
        assertEquals(size * longOnes / (shortOnes + longOnes), drawnLong);
    }

    @Test
    void leftoverSlotsGoToTheLargestRemaindersAndASmallInputIsTakenWhole() {
        StratifiedSampler sampler = new StratifiedSampler(3, BOUNDS, 5);
        // 2 short, 1 long: exact quotas 2.0 and 1.0 of 3
        assertEquals(3, sampler.sample(candidates(2, 1, 0)).size());
        // 5 short, 5 long, 3 slots: quotas 1.5 and 1.5, one leftover; every slot is used
        List<ReviewCandidate> split = sampler.sample(candidates(5, 5, 0));
        assertEquals(3, split.size());
        assertEquals(4, new StratifiedSampler(10, BOUNDS, 5).sample(candidates(2, 1, 1)).size());
    }

    @Test
    void strataAreCountedByBoundsReached() {
        StratifiedSampler sampler = new StratifiedSampler(1, BOUNDS, 1);

        assertEquals(List.of(0, 1, 1, 2), List.of(sampler.stratum(99), sampler.stratum(100), sampler.stratum(299),
                sampler.stratum(300)));
    }
}
