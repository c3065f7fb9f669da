package dev.palo.model.base;

import dev.palo.model.PaloConfig;
import dev.palo.model.lm.LmConfig;
import dev.palo.model.vision.ImagePreprocessor;
import dev.palo.model.vision.VisionConfig;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/** A tiny architecture, an English-heavy toy corpus and a toy picture world, small enough for fast tests. */
final class TinyBaseData {
    /** 16 px images in 4 px patches, 2 ViT layers (the select layer -2 runs one); a 2-layer LM of width 32. */
    static final PaloConfig ARCHITECTURE = new PaloConfig(new VisionConfig(32, 64, 2, 2, 16, 4, 3, 1e-5f),
            "mlp2x_gelu", new LmConfig(512, 32, 64, 2, 4, 2, 128, 10000.0, 1e-5f, false), null,
            PaloConfig.DEFAULT_SELECT_LAYER, PaloConfig.DEFAULT_SELECT_FEATURE);
    static final AttributeSlots SLOTS = new AttributeSlots(List.of("quadrant", "colour"), List.of(4, 4));
    private static final Color[] COLOURS = {Color.RED, Color.GREEN, Color.BLUE};
    private static final String[] COLOUR_WORDS = {"red", "green", "blue"};
    private static final String[] PLACES = {"top left", "top right", "bottom left", "bottom right"};

    private TinyBaseData() {
    }

    /** English sentences about the toy world, with a French line in ten. */
    static List<String> corpus(int lines, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        List<String> corpus = new ArrayList<>();
        for (int i = 0; i < lines; i++) {
            String colour = COLOUR_WORDS[random.nextInt(COLOUR_WORDS.length)];
            String place = PLACES[random.nextInt(PLACES.length)];
            corpus.add(i % 10 == 9 ? "le carré " + colour + " est en " + place
                    : "the " + colour + " square is at the " + place + ".");
        }
        return corpus;
    }

    /**
     * Images of one coloured square in one quadrant. Each of the 4×4 patch tokens is labelled with its quadrant
     * and the colour of the square in that quadrant (0 = none, else 1 + colour).
     */
    static VisionDataset pictures(int count, long seed) {
        ImagePreprocessor preprocessor = new ImagePreprocessor(ARCHITECTURE.visionConfig());
        SplittableRandom random = new SplittableRandom(seed);
        List<float[]> images = new ArrayList<>();
        List<int[]> labels = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            int quadrant = random.nextInt(4);
            int colour = random.nextInt(COLOURS.length);
            BufferedImage image = new BufferedImage(16, 16, BufferedImage.TYPE_INT_RGB);
            Graphics2D g = image.createGraphics();
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, 16, 16);
            g.setColor(COLOURS[colour]);
            g.fillRect((quadrant % 2) * 8 + 1 + random.nextInt(2), (quadrant / 2) * 8 + 1 + random.nextInt(2), 5, 5);
            g.dispose();
            images.add(preprocessor.pixels(image));
            int[] tokenLabels = new int[16 * 2];
            for (int t = 0; t < 16; t++) {
                int tokenQuadrant = (t / 4 / 2) * 2 + (t % 4) / 2;
                tokenLabels[t * 2] = tokenQuadrant;
                tokenLabels[t * 2 + 1] = tokenQuadrant == quadrant ? 1 + colour : 0;
            }
            labels.add(tokenLabels);
        }
        return new VisionDataset() {
            @Override
            public int size() {
                return images.size();
            }

            @Override
            public float[] image(int index) {
                return images.get(index);
            }

            @Override
            public int[] labels(int index) {
                return labels.get(index);
            }
        };
    }
}
