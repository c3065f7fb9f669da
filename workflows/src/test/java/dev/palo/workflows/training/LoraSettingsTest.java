package dev.palo.workflows.training;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class LoraSettingsTest {
    @Test
    void thePresetsAreTheFiguresTheyAlwaysWere() {
        // part of the fine-tune stage's cache key
        assertEquals(new LoraSettings(128, 256, 0.05f), LoraSettings.paper());
        assertEquals(new LoraSettings(16, 32, 0.05f), LoraSettings.mini());
        assertEquals(new LoraSettings(4, 8, 0.05f), LoraSettings.ofRank(4));
    }
}
