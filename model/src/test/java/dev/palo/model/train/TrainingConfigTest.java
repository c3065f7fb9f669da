package dev.palo.model.train;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.palo.model.lora.LoraConfig;
import org.junit.jupiter.api.Test;

class TrainingConfigTest {
    @Test
    void theReleasedRecipesAreTheFiguresTheyAlwaysWere() {
        // part of every training stage's cache key (as JSON): a changed figure would miss earlier runs' cache entries
        assertEquals(new TrainingConfig("pretrain", 1e-3, 256, 16, 1, 0.03, 1.0, 2048, 0.9f, 0.999f, 1e-8f, null, 42),
                TrainingConfig.pretrain());
        assertEquals(new TrainingConfig("finetune-lora", 2e-4, 128, 16, 1, 0.03, 1.0, 2048, 0.9f, 0.999f, 1e-8f,
                new LoraConfig(128, 256, 0.05f), 42), TrainingConfig.finetuneLora());
        assertEquals(new TrainingConfig("finetune-full", 2e-5, 128, 16, 1, 0.03, 1.0, 2048, 0.9f, 0.999f, 1e-8f, null,
                42), TrainingConfig.finetuneFull());
    }
}
