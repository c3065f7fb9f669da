package dev.palo.model.vision;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;

/**
 * LLaVA's image preprocessing for a {@link VisionConfig}: a non-square image is padded to a square with the
 * mean colour (LLaVA's {@code image_aspect_ratio=pad}), resized bicubically to {@code image_size}, scaled to
 * [0, 1] and normalised per channel with CLIP's mean and std. Output is float32 CHW, the layout
 * {@link VisionTower#features} and {@code TrainingSample.image} take.
 */
public final class ImagePreprocessor {
    /** CLIPImageProcessor's image_mean / image_std (openai/clip-vit-large-patch14-336). */
    static final float[] CLIP_MEAN = {0.48145466f, 0.4578275f, 0.40821073f};

    static final float[] CLIP_STD = {0.26862954f, 0.26130258f, 0.27577711f};

    private final int size;

    public ImagePreprocessor(VisionConfig config) {
        if (config.numChannels() != 3) {
            throw new IllegalArgumentException(
                    "ImagePreprocessor makes RGB input; the vision config has num_channels " + config.numChannels());
        }
        this.size = config.imageSize();
    }

    /** The image as {@code 3 * image_size * image_size} normalised floats, channel-major. */
    public float[] pixels(BufferedImage image) {
        BufferedImage square = resize(padToSquare(image));
        int plane = size * size;
        float[] out = new float[3 * plane];
        for (int y = 0; y < size; y++) {
            for (int x = 0; x < size; x++) {
                int rgb = square.getRGB(x, y);
                int at = y * size + x;
                out[at] = normalise((rgb >> 16) & 0xFF, 0);
                out[plane + at] = normalise((rgb >> 8) & 0xFF, 1);
                out[2 * plane + at] = normalise(rgb & 0xFF, 2);
            }
        }
        return out;
    }

    /** An encoded image (PNG, JPEG, anything ImageIO reads) as normalised floats. */
    public float[] pixels(byte[] encoded) {
        return pixels(decode(encoded, "image bytes"));
    }

    /** An image file as normalised floats. */
    public float[] pixels(Path file) {
        try {
            return pixels(decode(Files.readAllBytes(file), file.toString()));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read image " + file, e);
        }
    }

    /** One image as [3, S, S] in {@code manager}. */
    public NDArray tensor(NDManager manager, BufferedImage image) {
        return manager.create(pixels(image), new Shape(3, size, size));
    }

    /** Images as one [B, 3, S, S] batch in {@code manager}. */
    public NDArray batch(NDManager manager, List<BufferedImage> images) {
        if (images.isEmpty()) {
            throw new IllegalArgumentException("a batch needs at least one image");
        }
        int pixelsPerImage = 3 * size * size;
        float[] all = new float[images.size() * pixelsPerImage];
        for (int i = 0; i < images.size(); i++) {
            System.arraycopy(pixels(images.get(i)), 0, all, i * pixelsPerImage, pixelsPerImage);
        }
        return manager.create(all, new Shape(images.size(), 3, size, size));
    }

    public int imageSize() {
        return size;
    }

    private static BufferedImage decode(byte[] encoded, String what) {
        try {
            BufferedImage image = ImageIO.read(new ByteArrayInputStream(encoded));
            if (image == null) {
                throw new IllegalArgumentException(what + " is not in a format ImageIO can decode");
            }
            return image;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot decode " + what, e);
        }
    }

    private static float normalise(int channelValue, int channel) {
        return (channelValue / 255f - CLIP_MEAN[channel]) / CLIP_STD[channel];
    }

    private static BufferedImage padToSquare(BufferedImage image) {
        int w = image.getWidth();
        int h = image.getHeight();
        if (w == h) {
            return image;
        }
        int side = Math.max(w, h);
        BufferedImage square = new BufferedImage(side, side, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = square.createGraphics();
        try {
            // LLaVA's expand2square fills with the processor mean, in 0–255
            g.setColor(new Color(
                    Math.round(CLIP_MEAN[0] * 255), Math.round(CLIP_MEAN[1] * 255), Math.round(CLIP_MEAN[2] * 255)));
            g.fillRect(0, 0, side, side);
            g.drawImage(image, (side - w) / 2, (side - h) / 2, null);
        } finally {
            g.dispose();
        }
        return square;
    }

    private BufferedImage resize(BufferedImage image) {
        if (image.getWidth() == size && image.getHeight() == size) {
            return image;
        }
        BufferedImage resized = new BufferedImage(size, size, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = resized.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BICUBIC);
            g.drawImage(image, 0, 0, size, size, null);
        } finally {
            g.dispose();
        }
        return resized;
    }
}
