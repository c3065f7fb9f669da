package dev.palo.data.mini.corpus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;

class LanguageMixTest {

    @Test
    void allocationSumsExactlyAndFollowsTheShares() {
        LanguageMix mix = LanguageMix.paperDefault();
        for (int lines : new int[] {1, 7, 2_000, 20_001}) {
            Map<String, Integer> counts = mix.allocate(lines);
            assertEquals(lines, counts.values().stream().mapToInt(Integer::intValue).sum());
            mix.shares().forEach((code, share) -> assertTrue(Math.abs(counts.get(code) - share * lines) < 1 + 1e-9,
                    code + " " + counts.get(code) + " for " + lines));
        }
    }

    @Test
    void theDefaultIsEnglishHeavyWithAlmostNoLowResourceText() {
        Map<String, Double> shares = LanguageMix.paperDefault().shares();
        assertEquals(0.897, shares.get("en"), 1e-12);
        for (String code : new String[] {"ar", "hi", "bn", "ur"}) {
            assertTrue(shares.get(code) < 0.001, code);
        }
    }

    @Test
    void badMixesAreRejectedClearly() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> LanguageMix.parse("en=0.5,fr=0.4"))
                .getMessage().contains("sum to 1"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> LanguageMix.parse("en=lots"))
                .getMessage().contains("'lots' is not a number"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> LanguageMix.parse("en"))
                .getMessage().contains("not code=share"));
    }
}
