package dev.palo.data.mini.corpus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.palo.data.lang.Language;
import dev.palo.data.lang.LanguageRegistry;
import dev.palo.data.lang.ResourceLevel;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LanguageMixTest {

    private static final LanguageRegistry REGISTRY = LanguageRegistry.palo();

    @Test
    void allocationSumsExactlyAndFollowsTheShares() {
        LanguageMix mix = LanguageMix.of(REGISTRY.defaults());
        for (int lines : new int[] {1, 7, 2_000, 20_001}) {
            Map<String, Integer> counts = mix.allocate(lines);
            assertEquals(lines, counts.values().stream().mapToInt(Integer::intValue).sum());
            mix.shares().forEach((code, share) -> assertTrue(Math.abs(counts.get(code) - share * lines) < 1 + 1e-9,
                    code + " " + counts.get(code) + " for " + lines));
        }
    }

    @Test
    void theDefaultSetKeepsTheRegistrySharesAsWrittenEnglishHeavyWithAlmostNoLowResourceText() {
        Map<String, Double> shares = LanguageMix.of(REGISTRY.defaults()).shares();
        for (Language language : REGISTRY.defaults()) {
            assertEquals(language.baseLmShare(), shares.get(language.code()), 0.0, language.code());
            if (language.resourceLevel() == ResourceLevel.LOW) {
                assertTrue(shares.get(language.code()) < 0.001, language.code());
            }
        }
        assertEquals(0.597, shares.get(LanguageRegistry.SOURCE), 0.0, "English, with room for 8% per high-resource language");
    }

    @Test
    void aSetBeyondTheDefaultsIsScaledAndGivesEveryLanguageItsShare() {
        List<Language> withGerman = REGISTRY.defaultsAnd(List.of("de"));
        Map<String, Double> shares = LanguageMix.of(withGerman).shares();
        assertEquals(withGerman.size(), shares.size());
        double total = withGerman.stream().mapToDouble(Language::baseLmShare).sum();
        withGerman.forEach(l -> assertEquals(l.baseLmShare() / total, shares.get(l.code()), 1e-12, l.code()));
        assertTrue(LanguageMix.of(withGerman).allocate(2_000).get("de") > 0, "German has base-LM text");
    }

    @Test
    void aLanguageWithoutAShareOrAShareWithoutALanguageIsAnError() {
        LanguageMix mix = LanguageMix.parse("en=0.9,fr=0.1");
        IllegalArgumentException missing = assertThrows(IllegalArgumentException.class,
                () -> mix.requireExactly(List.of("en", "fr", "de")));
        assertTrue(missing.getMessage().contains("[de] have a grammar in this data but no share"),
                missing.getMessage());
        IllegalArgumentException extra = assertThrows(IllegalArgumentException.class,
                () -> mix.requireExactly(List.of("en")));
        assertTrue(extra.getMessage().contains("names 'fr', which has no grammar"), extra.getMessage());
        mix.requireExactly(List.of("en", "fr"));
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
