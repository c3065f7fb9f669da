package dev.palo.workflows.training;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class LoraSettingsTest {
    @Test
    void thePresetsArePinned() {
        // part of the fine-tune stage's cache key: a change here recomputes every fine-tune
        assertEquals(new LoraSettings(128, 256, 0.05f), LoraSettings.paper());
        assertEquals(new LoraSettings(64, 128, 0.05f), LoraSettings.mini());
        assertEquals(new LoraSettings(4, 8, 0.05f), LoraSettings.ofRank(4));
    }
}
