package dev.palo.model.vision;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

class ImagePreprocessorTest {
    static final VisionConfig VISION = new VisionConfig(32, 64, 2, 2, 16, 4, 3, 1e-5f);
    final ImagePreprocessor preprocessor = new ImagePreprocessor(VISION);

    @Test
    void eachChannelIsScaledAndNormalisedWithClipsMeanAndStd() {
        BufferedImage image = new BufferedImage(16, 16, BufferedImage.TYPE_INT_RGB);
        image.setRGB(3, 2, new Color(255, 0, 128).getRGB());
        float[] pixels = preprocessor.pixels(image);
        int plane = 16 * 16;
        int at = 2 * 16 + 3;
        assertEquals(3 * plane, pixels.length);
        assertEquals((1f - ImagePreprocessor.CLIP_MEAN[0]) / ImagePreprocessor.CLIP_STD[0], pixels[at], 1e-6);
        assertEquals((0f - ImagePreprocessor.CLIP_MEAN[1]) / ImagePreprocessor.CLIP_STD[1], pixels[plane + at], 1e-6);
        assertEquals((128 / 255f - ImagePreprocessor.CLIP_MEAN[2]) / ImagePreprocessor.CLIP_STD[2],
                pixels[2 * plane + at], 1e-6);
    }

    @Test
    void aNonSquareImageIsPaddedWithTheMeanColourAndResized() {
        BufferedImage wide = new BufferedImage(32, 16, BufferedImage.TYPE_INT_RGB);
        for (int x = 0; x < 32; x++) {
            for (int y = 0; y < 16; y++) {
                wide.setRGB(x, y, Color.WHITE.getRGB());
            }
        }
        float[] pixels = preprocessor.pixels(wide);
        assertEquals(3 * 16 * 16, pixels.length);
        // the top rows are padding: the mean colour, which normalises to about zero
        assertEquals(0f, pixels[0], 0.02f);
        // the middle rows are the white image
        assertEquals((1f - ImagePreprocessor.CLIP_MEAN[0]) / ImagePreprocessor.CLIP_STD[0], pixels[8 * 16 + 8], 0.02f);
    }

    @Test
    void pngBytesTensorsAndBatchesAgree() throws Exception {
        BufferedImage image = new BufferedImage(16, 16, BufferedImage.TYPE_INT_RGB);
        image.setRGB(5, 5, Color.BLUE.getRGB());
        ByteArrayOutputStream png = new ByteArrayOutputStream();
        ImageIO.write(image, "png", png);
        float[] pixels = preprocessor.pixels(image);
        assertArrayEquals(pixels, preprocessor.pixels(png.toByteArray()));
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray one = preprocessor.tensor(manager, image);
            assertEquals(new Shape(3, 16, 16), one.getShape());
            assertArrayEquals(pixels, one.toFloatArray());
            NDArray batch = preprocessor.batch(manager, List.of(image, image));
            assertEquals(new Shape(2, 3, 16, 16), batch.getShape());
        }
    }

    @Test
    void bytesThatAreNoImageAreRejectedClearly() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> preprocessor.pixels(new byte[] {1, 2, 3}));
        assertTrue(e.getMessage().contains("not in a format ImageIO can decode"), e.getMessage());
    }
}
