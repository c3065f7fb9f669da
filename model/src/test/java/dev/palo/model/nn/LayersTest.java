package dev.palo.model.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The hand-written layers against their formulas, evaluated in Java. */
class LayersTest {
    private static final float[] X = {0.5f, -1.5f, 2f, 0.25f, -3f, 4f, -0.75f, 1f};

    @Test
    void rmsNormNormalisesEachTokenOverItsFeatures() {
        try (NDManager manager = NDManager.newBaseManager()) {
            RmsNorm norm = new RmsNorm(new ParameterFactory(manager, new SplittableRandom(1)), 4, 1e-5f);
            NDArray y = norm.forward(new ParameterStore(manager, false), manager.create(X, new Shape(2, 4)), false);
            float[] expected = new float[X.length];
            for (int token = 0; token < 2; token++) {
                double meanSquare = 0;
                for (int i = 0; i < 4; i++) {
                    meanSquare += X[token * 4 + i] * X[token * 4 + i] / 4.0;
                }
                for (int i = 0; i < 4; i++) {
                    expected[token * 4 + i] = (float) (X[token * 4 + i] / Math.sqrt(meanSquare + 1e-5));
                }
            }
            assertArrayEquals(expected, y.toFloatArray(), 1e-5f);
        }
    }

    @Test
    void layerNormNormalisesEachTokenAlone() {
        try (NDManager manager = NDManager.newBaseManager()) {
            FeatureLayerNorm norm = new FeatureLayerNorm(new ParameterFactory(manager, new SplittableRandom(1)), 4, 1e-5f);
            NDArray y = norm.forward(new ParameterStore(manager, false), manager.create(X, new Shape(2, 4)), false);
            float[] expected = new float[X.length];
            for (int token = 0; token < 2; token++) {
                double mean = 0;
                double variance = 0;
                for (int i = 0; i < 4; i++) {
                    mean += X[token * 4 + i] / 4.0;
                }
                for (int i = 0; i < 4; i++) {
                    variance += Math.pow(X[token * 4 + i] - mean, 2) / 4.0;
                }
                for (int i = 0; i < 4; i++) {
                    expected[token * 4 + i] = (float) ((X[token * 4 + i] - mean) / Math.sqrt(variance + 1e-5));
                }
            }
            assertArrayEquals(expected, y.toFloatArray(), 1e-5f);
        }
    }

    @Test
    void activationsMatchTheirDefinitions() {
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray x = manager.create(X);
            float[] quickGelu = new float[X.length];
            float[] silu = new float[X.length];
            float[] hardSwish = new float[X.length];
            for (int i = 0; i < X.length; i++) {
                quickGelu[i] = (float) (X[i] / (1 + Math.exp(-1.702 * X[i])));
                silu[i] = (float) (X[i] / (1 + Math.exp(-X[i])));
                hardSwish[i] = X[i] * Math.min(Math.max(X[i] + 3, 0), 6) / 6;
            }
            assertArrayEquals(quickGelu, Activations.quickGelu(x).toFloatArray(), 1e-6f);
            assertArrayEquals(silu, Activations.silu(x).toFloatArray(), 1e-6f);
            assertArrayEquals(hardSwish, Activations.hardSwish(x).toFloatArray(), 1e-6f);
        }
    }

    @Test
    void linearAndConvUsePyTorchLayouts() {
        try (NDManager manager = NDManager.newBaseManager()) {
            ParameterFactory factory = new ParameterFactory(manager, new SplittableRandom(1));
            ParameterStore ps = new ParameterStore(manager, false);
            Linear linear = Linear.create(factory, 4, 3, true, 0.02f);
            assertEquals(new Shape(2, 5, 3), linear.forward(ps, manager.ones(new Shape(2, 5, 4)), false).getShape());
            Conv2dLayer depthwise = new Conv2dLayer(factory, 6, 6, 3, 2, 1, 6, false);
            assertEquals(new Shape(1, 6, 4, 4), depthwise.forward(ps, manager.ones(new Shape(1, 6, 8, 8)), false).getShape());
        }
    }
}
