package dev.palo.workflows.translation.base;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class BaseTranslatorConfigTest {
    @Test
    void theDefaultsAreTheFiguresTheyAlwaysWere() {
        // part of the translator-base stage's cache key
        assertEquals(new BaseTranslatorConfig("palo-mini-translator", "demo", 0, 42, 100),
                BaseTranslatorConfig.defaults());
    }

    @Test
    void eachWitherChangesOneField() {
        BaseTranslatorConfig tiny = BaseTranslatorConfig.of("t", BaseTranslatorConfig.TINY_PRESET);

        assertEquals(new BaseTranslatorConfig("other", "tiny", 4, 7, 2),
                tiny.withModelName("other").withEpochs(4).withSeed(7).withCheckpointEvery(2));
    }
}
