package dev.palo.model.multimodal;

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
import dev.palo.model.PaloConfig;
import dev.palo.model.preset.TinyConfigs;
import java.util.Arrays;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

class ImageSplicingTest {
    private static final long IMG = Constants.IMAGE_TOKEN_INDEX;
    private static final long IGN = Constants.IGNORE_INDEX;

    private static NDArray images(NDManager manager, int batch) {
        int size = TinyConfigs.VISION.imageSize();
        return manager.randomNormal(new Shape(batch, 3, size, size));
    }

    /** labels[:p] ++ N × IGNORE ++ labels[p+1:], the rule LLaVA applies. */
    private static long[] expectedLabels(long[] labels, int p, int n) {
        return LongStream.concat(LongStream.concat(Arrays.stream(labels, 0, p), LongStream.generate(() -> IGN).limit(n)),
                        Arrays.stream(labels, p + 1, labels.length))
                .toArray();
    }

    @Test
    void midSequenceImageIsReplacedByItsProjectedFeatures() {
        try (NDManager manager = NDManager.newBaseManager();
                PaloModel model = PaloModel.create(manager, TinyConfigs.multimodal("mlp2x_gelu"), 3)) {
            ParameterStore ps = new ParameterStore(manager, false);
            long[] ids = {3, 4, IMG, 5, 6, 7};
            long[] labels = {IGN, IGN, IGN, 5, 6, 7};
            int n = model.imageTokens();
            NDArray image = images(manager, 1);
            MultimodalInputs inputs = model.prepareInputs(ps, manager.create(new long[][] {ids}),
                    manager.create(new long[][] {labels}), null, image, false);

            assertEquals(new Shape(1, ids.length - 1 + n, TinyConfigs.LM.hiddenSize()), inputs.embeds().getShape());
            assertArrayEquals(expectedLabels(labels, 2, n), inputs.labels().toLongArray());
            assertTrue(Arrays.stream(inputs.attentionMask().toLongArray()).allMatch(v -> v == 1));

            PaloConfig config = model.config();
            NDArray projected = model.projector().forward(ps, model.visionTower()
                    .features(ps, image, config.mmVisionSelectLayer(), config.featureSelection(), false), false);
            assertArrayEquals(projected.toFloatArray(),
                    inputs.embeds().get(new NDIndex(":, 2:{}, :", 2 + n)).toFloatArray());
            NDArray text = model.languageModel().embed(ps, manager.create(new long[][] {{3, 4, 5, 6, 7}}), false);
            assertArrayEquals(text.get(new NDIndex(":, :2, :")).toFloatArray(),
                    inputs.embeds().get(new NDIndex(":, :2, :")).toFloatArray());
            assertArrayEquals(text.get(new NDIndex(":, 2:, :")).toFloatArray(),
                    inputs.embeds().get(new NDIndex(":, {}:, :", 2 + n)).toFloatArray());
        }
    }

    @Test
    void batchWithAndWithoutImagesMatchesEachSampleAlone() {
        try (NDManager manager = NDManager.newBaseManager();
                PaloModel model = PaloModel.create(manager, TinyConfigs.multimodal("ldp"), 3)) {
            ParameterStore ps = new ParameterStore(manager, false);
            int n = model.imageTokens();
            long[] withImage = {IMG, 8, 9, 10};
            long[] textOnly = {11, 12, 13, 0};
            long[] textMask = {1, 1, 1, 0};
            NDArray images = images(manager, 2);
            ForwardResult batch = model.forward(ps, manager.create(new long[][] {withImage, textOnly}),
                    manager.create(new long[][] {withImage, textOnly}), manager.create(new long[][] {{1, 1, 1, 1}, textMask}),
                    images, false);
            int spliced = withImage.length - 1 + n;
            assertEquals(new Shape(2, spliced, TinyConfigs.LM.vocabSize()), batch.logits().getShape());

            long[] labels = batch.labels().toLongArray();
            assertArrayEquals(expectedLabels(withImage, 0, n), Arrays.copyOfRange(labels, 0, spliced));
            long[] paddedText = Arrays.copyOf(textOnly, spliced);
            Arrays.fill(paddedText, textOnly.length, spliced, IGN);
            assertArrayEquals(paddedText, Arrays.copyOfRange(labels, spliced, 2 * spliced));
            long[] paddedMask = Arrays.copyOf(textMask, spliced);
            assertArrayEquals(paddedMask, batch.attentionMask().get(1).toLongArray());

            NDArray aloneImage = model.forward(ps, manager.create(new long[][] {withImage}), null, null,
                    images.get(new NDIndex("0:1")), false).logits();
            assertArrayEquals(aloneImage.toFloatArray(), batch.logits().get(0).toFloatArray(), 1e-5f);
            NDArray aloneText = model.forward(ps, manager.create(new long[][] {{11, 12, 13}}), null, null, null, false)
                    .logits();
            assertArrayEquals(aloneText.toFloatArray(), batch.logits().get(new NDIndex("1, :3, :")).toFloatArray(), 1e-5f);
        }
    }

    @Test
    void badPlaceholdersAreNamed() {
        try (NDManager manager = NDManager.newBaseManager();
                PaloModel model = PaloModel.create(manager, TinyConfigs.multimodal("ldp"), 3);
                PaloModel textModel = PaloModel.create(manager, PaloConfig.textOnly(TinyConfigs.LM), 3)) {
            ParameterStore ps = new ParameterStore(manager, false);
            IllegalArgumentException twice = assertThrows(IllegalArgumentException.class, () -> model.forward(ps,
                    manager.create(new long[][] {{IMG, 4, IMG}}), null, null, images(manager, 1), false));
            assertTrue(twice.getMessage().contains("more than one image placeholder"), twice.getMessage());
            IllegalArgumentException noImages = assertThrows(IllegalArgumentException.class,
                    () -> model.forward(ps, manager.create(new long[][] {{IMG, 4}}), null, null, null, false));
            assertTrue(noImages.getMessage().contains("need images"), noImages.getMessage());
            IllegalArgumentException textOnly = assertThrows(IllegalArgumentException.class,
                    () -> textModel.forward(ps, manager.create(new long[][] {{IMG, 4}}), null, null, null, false));
            assertTrue(textOnly.getMessage().contains("text-only"), textOnly.getMessage());
            IllegalArgumentException badLabels = assertThrows(IllegalArgumentException.class, () -> model.forward(ps,
                    manager.create(new long[][] {{3, 4}}), manager.create(new long[][] {{3}}), null, null, false));
            assertTrue(badLabels.getMessage().contains("labels"), badLabels.getMessage());
        }
    }

    @Test
    void causalWithAnImage() {
        try (NDManager manager = NDManager.newBaseManager();
                PaloModel model = PaloModel.create(manager, TinyConfigs.multimodal("ldp"), 3)) {
            ParameterStore ps = new ParameterStore(manager, false);
            int n = model.imageTokens();
            NDArray image = images(manager, 1);
            NDArray base = model.forward(ps, manager.create(new long[][] {{3, IMG, 4, 5, 6}}), null, null, image, false)
                    .logits();
            // token at input index 3 sits at spliced index 3 - 1 + n
            NDArray editedText = model.forward(ps, manager.create(new long[][] {{3, IMG, 4, 9, 6}}), null, null, image, false)
                    .logits();
            NDIndex before = new NDIndex(":, :{}, :", 2 + n);
            assertArrayEquals(base.get(before).toFloatArray(), editedText.get(before).toFloatArray());
            NDArray editedImage = model.forward(ps, manager.create(new long[][] {{3, IMG, 4, 5, 6}}), null, null,
                    images(manager, 1), false).logits();
            NDIndex first = new NDIndex(":, :1, :");
            assertArrayEquals(base.get(first).toFloatArray(), editedImage.get(first).toFloatArray());
        }
    }
}
