package dev.palo.model.base;

import dev.palo.model.train.StepResult;
import dev.palo.model.train.TrainingState;
import java.nio.file.Path;

/** What base-model training reports as it goes, so a caller can log metrics and copy checkpoints elsewhere. */
public interface BaseModelListener {
    BaseModelListener NONE = new BaseModelListener() {
    };

    default void visionStep(VisionStep step) {
    }

    /** {@code dir} holds the trained vision tower; a later run given this folder skips vision training. */
    default void visionTrained(Path dir) {
    }

    default void lmStep(StepResult result) {
    }

    /** {@code dir} holds a state the LM training can resume from; the next checkpoint overwrites it. */
    default void lmCheckpointed(Path dir, TrainingState state) {
    }
}
