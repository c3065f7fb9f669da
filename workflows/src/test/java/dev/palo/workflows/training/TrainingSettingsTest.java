package dev.palo.workflows.training;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class TrainingSettingsTest {
    @Test
    void theNamedPresetsAreTheFiguresTheyAlwaysWere() {
        // part of every training stage's cache key: a changed figure would miss the stage cache of earlier runs
        assertEquals(new TrainingSettings(1, 16, 16, 64, 25, 42, null), TrainingSettings.pretrainMini());
        assertEquals(new TrainingSettings(6, 16, 4, 192, 50, 42, 1.5e-3), TrainingSettings.finetuneMini());
    }

    @Test
    void aBuilderStartsFromTheRecipeAndChangesOnlyWhatItNames() {
        TrainingSettings settings = TrainingSettings.builder().batches(8, 2).modelMaxLength(32).checkpointEvery(5)
                .build();

        assertEquals(new TrainingSettings(TrainingSettings.RECIPE_EPOCHS, 8, 2, 32, 5, TrainingSettings.DEFAULT_SEED,
                null), settings);
        assertEquals(new TrainingSettings(3, 8, 2, 32, 5, 7, 1e-3),
                settings.toBuilder().epochs(3).seed(7).learningRate(1e-3).build());
        assertEquals(new TrainingSettings(1, 8, 2, 32, 9, 11, null), settings.withCheckpointEvery(9).withSeed(11));
    }

    @Test
    void sizesLeftUnnamedAreRefusedAsTheConstructorRefusesThem() {
        assertThrows(IllegalArgumentException.class, () -> TrainingSettings.builder().batches(16, 4).build());
    }
}
