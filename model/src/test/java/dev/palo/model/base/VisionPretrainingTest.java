package dev.palo.model.base;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import dev.palo.model.multimodal.PaloModel;
import dev.palo.model.train.TinyModels;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class VisionPretrainingTest {
    static final VisionRecipe RECIPE = new VisionRecipe(16, 8, 1e-2, 9);

    NDManager manager;

    @BeforeEach
    void open() {
        manager = NDManager.newBaseManager();
    }

    @AfterEach
    void close() {
        manager.close();
    }

    @Test
    void towerLearnsWhatAndWhereThenIsFrozen() {
        VisionDataset pictures = TinyBaseData.pictures(64, 1);
        try (PaloModel model = PaloModel.create(manager, TinyBaseData.ARCHITECTURE, 2);
                VisionPretraining vision = new VisionPretraining(model, TinyBaseData.SLOTS, RECIPE)) {
            double[] before = vision.accuracy(pictures);
            Map<String, float[]> initial = TinyModels.snapshot(model.namedParameters());
            List<VisionStep> steps = new ArrayList<>();
            vision.train(pictures, steps::add);

            assertEquals(RECIPE.totalSteps(pictures.size()), steps.size());
            steps.forEach(s -> assertFalse(s.skipped(), "step " + s.step() + " had a non-finite gradient"));
            double first = steps.get(0).loss();
            double last = steps.get(steps.size() - 1).loss();
            assertTrue(last < first * 0.8, "loss should fall clearly: first " + first + ", last " + last);
            double[] after = vision.accuracy(pictures);
            for (int s = 0; s < after.length; s++) {
                assertTrue(after[s] > before[s] + 0.1, TinyBaseData.SLOTS.names().get(s) + " accuracy " + before[s]
                        + " → " + after[s]);
            }

            Map<String, float[]> trained = TinyModels.snapshot(model.namedParameters());
            initial.forEach((name, values) -> {
                boolean changed = !Arrays.equals(values, trained.get(name));
                // select layer -2 of 2 runs encoder layer 0 only: layer 1, projector and LM stay untouched
                boolean mayChange = name.startsWith("model.vision_tower.") && !name.contains(".encoder.layers.1.");
                assertEquals(mayChange, changed, name + (changed ? " changed" : " did not change"));
            });
            model.namedParameters().forEach((name, p) -> {
                if (name.startsWith("model.vision_tower.")) {
                    assertFalse(p.getArray().hasGradient(), name + " must be frozen after training");
                }
            });
        }
    }

    @Test
    void twoRunsGiveTheSameTower() {
        VisionDataset pictures = TinyBaseData.pictures(32, 4);
        VisionRecipe short_ = RECIPE.withEpochs(1);
        float[][] towers = new float[2][];
        for (int run = 0; run < 2; run++) {
            try (PaloModel model = PaloModel.create(manager, TinyBaseData.ARCHITECTURE, 2);
                    VisionPretraining vision = new VisionPretraining(model, TinyBaseData.SLOTS, short_)) {
                vision.train(pictures, step -> { });
                towers[run] = TinyModels.snapshot(model.namedParameters())
                        .get("model.vision_tower.vision_tower.vision_model.encoder.layers.0.mlp.fc1.weight");
            }
        }
        assertArrayEquals(towers[0], towers[1]);
    }

    @Test
    void labelsOutsideTheSlotsAreRejectedByName() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> TinyBaseData.SLOTS.check(new int[] {4, 0}, 1));
        assertTrue(e.getMessage().contains("quadrant"), e.getMessage());
    }
}
