package dev.palo.activities.basemodel;

import dev.palo.data.mini.world.Colour;
import dev.palo.data.mini.world.Region;
import dev.palo.data.mini.world.SceneImage;
import dev.palo.data.mini.world.ShapeKind;
import dev.palo.data.mini.world.Size;
import dev.palo.model.base.AttributeSlots;
import dev.palo.model.vision.VisionConfig;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * PALO-mini's vision objective, from a record's scene signature ({@code shape:colour:size:region|…}): every patch
 * token is labelled with the cell of the scene's 3×3 grid it lies in (one of the five regions, or a corner) and
 * with the object drawn in that cell: its shape (or none), colour and size (ignored for an empty cell). A token
 * can only answer from its own features, so the tower learns to put where it is and what object it belongs to into
 * each token: the colour, shape, count and position the bench asks about.
 */
final class SceneTokenLabels {
    private static final int CORNER = Region.values().length;
    private static final int NO_SHAPE = 0;
    static final AttributeSlots SLOTS = new AttributeSlots(List.of("cell", "shape", "colour", "size"),
            List.of(Region.values().length + 1, ShapeKind.values().length + 1, Colour.values().length,
                    Size.values().length));

    /** The cell of each patch token: a region's ordinal, or {@link #CORNER}. */
    private final int[] cellOfToken;

    SceneTokenLabels(VisionConfig vision) {
        int grid = vision.gridSize();
        int cell = SceneImage.SIDE / 3;
        cellOfToken = new int[grid * grid];
        for (int t = 0; t < cellOfToken.length; t++) {
            // the patch centre, in the drawing's pixels (the preprocessor scales the image to the tower's size)
            double x = (t % grid + 0.5) * SceneImage.SIDE / grid;
            double y = (t / grid + 0.5) * SceneImage.SIDE / grid;
            cellOfToken[t] = region(Math.min(2, (int) x / cell), Math.min(2, (int) y / cell));
        }
    }

    /** Labels of every token, {@link AttributeSlots} slots together. */
    int[] labels(String signature) {
        int[][] objectInRegion = new int[Region.values().length][];
        for (String object : signature.split("\\|")) {
            String[] parts = object.split(":");
            if (parts.length != 4) {
                throw new IllegalArgumentException("scene object '" + object + "' of signature '" + signature
                        + "' is not shape:colour:size:region");
            }
            Region region = parse(Region.class, parts[3], signature);
            objectInRegion[region.ordinal()] = new int[] {1 + parse(ShapeKind.class, parts[0], signature).ordinal(),
                    parse(Colour.class, parts[1], signature).ordinal(), parse(Size.class, parts[2], signature).ordinal()};
        }
        int slots = SLOTS.size();
        int[] labels = new int[cellOfToken.length * slots];
        Arrays.fill(labels, AttributeSlots.IGNORE);
        for (int t = 0; t < cellOfToken.length; t++) {
            int cell = cellOfToken[t];
            int[] object = cell == CORNER ? null : objectInRegion[cell];
            labels[t * slots] = cell;
            labels[t * slots + 1] = object == null ? NO_SHAPE : object[0];
            if (object != null) {
                labels[t * slots + 2] = object[1];
                labels[t * slots + 3] = object[2];
            }
        }
        return labels;
    }

    private static int region(int column, int row) {
        for (Region region : Region.values()) {
            if (region.column() == column && region.row() == row) {
                return region.ordinal();
            }
        }
        return CORNER;
    }

    private static <E extends Enum<E>> E parse(Class<E> type, String key, String signature) {
        try {
            return Enum.valueOf(type, key.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("scene signature '" + signature + "' names an unknown "
                    + type.getSimpleName() + " '" + key + "'", e);
        }
    }
}
