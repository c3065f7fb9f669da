package dev.palo.model.generate;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import dev.palo.model.Constants;
import dev.palo.model.multimodal.PaloModel;
import dev.palo.model.preset.TinyConfigs;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

class GeneratorTest {
    private static final long IMG = Constants.IMAGE_TOKEN_INDEX;
    /** An id the model can never produce, so decoding runs to maxNewTokens. */
    private static final long NO_EOS = -1;

    private static NDArray images(NDManager manager, int batch, long seed) {
        int size = TinyConfigs.VISION.imageSize();
        float[] pixels = new float[batch * 3 * size * size];
        SplittableRandom random = new SplittableRandom(seed);
        for (int i = 0; i < pixels.length; i++) {
            pixels[i] = (float) random.nextDouble();
        }
        return manager.create(pixels, new Shape(batch, 3, size, size));
    }

    private static PaloModel model(NDManager manager) {
        return PaloModel.create(manager, TinyConfigs.multimodal("ldp"), 21);
    }

    @Test
    void greedyEqualsArgmaxOfRepeatedFullForwards() {
        try (NDManager manager = NDManager.newBaseManager(); PaloModel model = model(manager)) {
            long[] prompt = {3, IMG, 7, 9};
            NDArray image = images(manager, 1, 1);
            GenerationConfig config = GenerationConfig.greedy(6, NO_EOS);
            long[] generated = new Generator(model).generate(manager.create(new long[][] {prompt}), null, image, config).get(0);

            long[] sequence = prompt;
            long[] expected = new long[config.maxNewTokens()];
            ParameterStore ps = new ParameterStore(manager, false);
            for (int i = 0; i < expected.length; i++) {
                NDArray logits = model.forward(ps, manager.create(new long[][] {sequence}), null, null, image, false).logits();
                expected[i] = logits.get(new NDIndex("0, -1, :")).argMax().getLong();
                sequence = LongStream.concat(Arrays.stream(sequence), LongStream.of(expected[i])).toArray();
            }
            assertArrayEquals(expected, generated);
            assertArrayEquals(generated,
                    new Generator(model).generate(manager.create(new long[][] {prompt}), null, image, config).get(0));
        }
    }

    @Test
    void samplingIsDeterministicForAFixedSeed() {
        try (NDManager manager = NDManager.newBaseManager(); PaloModel model = model(manager)) {
            NDArray ids = manager.create(new long[][] {{IMG, 4, 5}, {IMG, 6, 7}});
            NDArray images = images(manager, 2, 3);
            GenerationConfig config = new GenerationConfig(8, 1.5f, 0.9f, 77, NO_EOS);
            List<long[]> first = new Generator(model).generate(ids, null, images, config);
            List<long[]> second = new Generator(model).generate(ids, null, images, config);
            for (int b = 0; b < 2; b++) {
                assertArrayEquals(first.get(b), second.get(b));
                assertEquals(8, first.get(b).length);
                assertTrue(Arrays.stream(first.get(b)).allMatch(t -> t >= 0 && t < TinyConfigs.LM.vocabSize()));
            }
        }
    }

    @Test
    void batchedEqualsOneByOneWithLeftOrRightPadding() {
        try (NDManager manager = NDManager.newBaseManager(); PaloModel model = model(manager)) {
            Generator generator = new Generator(model);
            GenerationConfig config = GenerationConfig.greedy(5, NO_EOS);
            NDArray images = images(manager, 2, 5);
            long[] withImage = {IMG, 4, 5, 6, 8};
            long[] textOnly = {9, 10};
            long[] alone0 = generator.generate(manager.create(new long[][] {withImage}), null,
                    images.get(new NDIndex("0:1")), config).get(0);
            long[] alone1 = generator.generate(manager.create(new long[][] {textOnly}), null, null, config).get(0);

            List<long[]> right = generator.generate(manager.create(new long[][] {withImage, {9, 10, 0, 0, 0}}),
                    manager.create(new long[][] {{1, 1, 1, 1, 1}, {1, 1, 0, 0, 0}}), images, config);
            List<long[]> left = generator.generate(manager.create(new long[][] {withImage, {0, 0, 0, 9, 10}}),
                    manager.create(new long[][] {{1, 1, 1, 1, 1}, {0, 0, 0, 1, 1}}), images, config);
            for (List<long[]> batch : List.of(right, left)) {
                assertArrayEquals(alone0, batch.get(0));
                assertArrayEquals(alone1, batch.get(1));
            }
        }
    }

    @Test
    void stopsAtEos() {
        try (NDManager manager = NDManager.newBaseManager(); PaloModel model = model(manager)) {
            Generator generator = new Generator(model);
            NDArray ids = manager.create(new long[][] {{5, 6, 7}});
            long[] unbounded = generator.generate(ids, null, null, GenerationConfig.greedy(8, NO_EOS)).get(0);
            long eos = unbounded[2];
            int firstEos = Arrays.stream(unbounded).boxed().toList().indexOf(eos);
            long[] stopped = generator.generate(ids, null, null, GenerationConfig.greedy(8, eos)).get(0);
            assertArrayEquals(Arrays.copyOf(unbounded, firstEos + 1), stopped);
        }
    }

    @Test
    void badSettingsAreNamed() {
        assertThrows(IllegalArgumentException.class, () -> new GenerationConfig(0, 0f, 1f, 0, 2));
        IllegalArgumentException topP =
                assertThrows(IllegalArgumentException.class, () -> new GenerationConfig(4, 1f, 0f, 0, 2));
        assertTrue(topP.getMessage().contains("topP"), topP.getMessage());
        IllegalArgumentException temperature =
                assertThrows(IllegalArgumentException.class, () -> new GenerationConfig(4, -1f, 1f, 0, 2));
        assertTrue(temperature.getMessage().contains("temperature"), temperature.getMessage());
    }
}
