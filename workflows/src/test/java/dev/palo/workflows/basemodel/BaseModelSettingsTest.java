package dev.palo.workflows.basemodel;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class BaseModelSettingsTest {
    @Test
    void theMiniPresetIsTheFiguresItAlwaysWas() {
        // part of the base-model stage's cache key: a changed figure would miss the registered models of earlier runs
        assertEquals(new BaseModelSettings("mini", 2048, 1, 16, 2e-3, 128, 25, 2, 32, 5e-3, 42),
                BaseModelSettings.mini());
    }

    @Test
    void aBuilderFromSettingsChangesOnlyWhatItNames() {
        BaseModelSettings mini = BaseModelSettings.mini();

        assertEquals(mini, mini.toBuilder().build());
        assertEquals(new BaseModelSettings("mini", 800, 1, 8, 2e-3, 128, 25, 0.1, 32, 5e-3, 3),
                mini.toBuilder().vocabSize(800).lmBatchSize(8).visionEpochs(0.1).seed(3).build());
    }
}
