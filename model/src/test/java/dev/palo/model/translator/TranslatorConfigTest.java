package dev.palo.model.translator;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class TranslatorConfigTest {
    @Test
    void thePresetsAreTheFiguresTheyAlwaysWere() {
        // part of the translator-base stage's cache key through the preset's name
        assertEquals(new TranslatorConfig(2048, 128, 352, 3, 4, 96, 128, 3e-3, 2, 32, 0.03, 42),
                TranslatorConfig.defaults());
        assertEquals(new TranslatorConfig(700, 32, 64, 1, 2, 96, 128, 3e-3, 1, 8, 0.0, 42), TranslatorConfig.tiny());
    }

    @Test
    void aBuilderFromAConfigChangesOnlyWhatItNames() {
        assertEquals(new TranslatorConfig(700, 32, 64, 1, 2, 96, 200, 3e-3, 1, 8, 0.0, 42),
                TranslatorConfig.tiny().toBuilder().maxTargetTokens(200).build());
        assertEquals(new TranslatorConfig(320, 32, 64, 1, 2, 96, 128, 1e-2, 3, 8, 0.0, 7),
                TranslatorConfig.tiny().withSizes(320, 32, 64, 1, 2).withTraining(1e-2, 3, 8).withSeed(7));
    }
}
