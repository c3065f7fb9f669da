package dev.palo.model.vision;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import dev.palo.model.nn.ParameterFactory;
import dev.palo.model.preset.TinyConfigs;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class VisionTowerTest {
    private static final VisionConfig CONFIG = TinyConfigs.VISION;

    @Test
    void patchSelectionDropsClsAndClsPatchKeepsIt() {
        try (NDManager manager = NDManager.newBaseManager()) {
            VisionTower tower = new VisionTower(new ParameterFactory(manager, new SplittableRandom(1)), CONFIG);
            ParameterStore ps = new ParameterStore(manager, false);
            NDArray images = manager.randomNormal(new Shape(3, 3, CONFIG.imageSize(), CONFIG.imageSize()));
            NDArray patch = tower.features(ps, images, -2, FeatureSelection.PATCH, false);
            NDArray clsPatch = tower.features(ps, images, -2, FeatureSelection.CLS_PATCH, false);
            assertEquals(new Shape(3, CONFIG.numPatches(), CONFIG.hiddenSize()), patch.getShape());
            assertEquals(new Shape(3, CONFIG.numPatches() + 1, CONFIG.hiddenSize()), clsPatch.getShape());
            assertArrayEquals(patch.toFloatArray(), clsPatch.get(new NDIndex(":, 1:, :")).toFloatArray());
            assertEquals(CONFIG.numPatches(), tower.featureTokens(FeatureSelection.PATCH));
        }
    }

    @Test
    void selectLayerCountsFromTheEmbeddings() {
        try (NDManager manager = NDManager.newBaseManager()) {
            VisionTower tower = new VisionTower(new ParameterFactory(manager, new SplittableRandom(1)), CONFIG);
            ParameterStore ps = new ParameterStore(manager, false);
            NDArray images = manager.randomNormal(new Shape(1, 3, CONFIG.imageSize(), CONFIG.imageSize()));
            int layers = CONFIG.numHiddenLayers();
            // -1 is the last layer's output, the same as index L; -2 the same as L - 1
            assertArrayEquals(tower.features(ps, images, layers, FeatureSelection.CLS_PATCH, false).toFloatArray(),
                    tower.features(ps, images, -1, FeatureSelection.CLS_PATCH, false).toFloatArray());
            assertArrayEquals(tower.features(ps, images, layers - 1, FeatureSelection.CLS_PATCH, false).toFloatArray(),
                    tower.features(ps, images, -2, FeatureSelection.CLS_PATCH, false).toFloatArray());
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> tower.features(ps, images, layers + 1, FeatureSelection.PATCH, false));
            assertTrue(e.getMessage().contains("mm_vision_select_layer"), e.getMessage());
        }
    }

    @Test
    void wrongImageSizeIsNamed() {
        try (NDManager manager = NDManager.newBaseManager()) {
            VisionTower tower = new VisionTower(new ParameterFactory(manager, new SplittableRandom(1)), CONFIG);
            NDArray images = manager.randomNormal(new Shape(1, 3, 20, 20));
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> tower.features(new ParameterStore(manager, false), images, -2, FeatureSelection.PATCH, false));
            assertTrue(e.getMessage().contains("images must have shape"), e.getMessage());
        }
    }

    @Test
    void unknownFeatureSelectionIsNamed() {
        IllegalArgumentException e =
                assertThrows(IllegalArgumentException.class, () -> FeatureSelection.fromConfig("cls"));
        assertTrue(e.getMessage().contains("cls_patch"), e.getMessage());
    }
}
