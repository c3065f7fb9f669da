package dev.palo.activities.basemodel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.palo.data.mini.world.Colour;
import dev.palo.data.mini.world.Region;
import dev.palo.data.mini.world.ShapeKind;
import dev.palo.data.mini.world.Size;
import dev.palo.model.base.AttributeSlots;
import dev.palo.model.preset.Presets;
import org.junit.jupiter.api.Test;

class SceneTokenLabelsTest {
    /** The mini preset: 64 px in 8 px patches, an 8×8 token grid over the scene's 3×3 cells of 21 px. */
    final SceneTokenLabels labels = new SceneTokenLabels(Presets.MINI.visionConfig());
    final int slots = SceneTokenLabels.SLOTS.size();

    @Test
    void tokensNameTheirCellAndTheObjectDrawnThere() {
        int[] all = labels.labels("star:purple:small:left|circle:red:big:top");
        // token (row 3, column 0): centre (4, 28) lies in the left cell, where the small purple star is
        int left = 3 * 8;
        assertEquals(Region.LEFT.ordinal(), all[left * slots]);
        assertEquals(1 + ShapeKind.STAR.ordinal(), all[left * slots + 1]);
        assertEquals(Colour.PURPLE.ordinal(), all[left * slots + 2]);
        assertEquals(Size.SMALL.ordinal(), all[left * slots + 3]);
        // token (row 0, column 3): centre (28, 4) is in the top cell with the big red circle
        int top = 3;
        assertEquals(Region.TOP.ordinal(), all[top * slots]);
        assertEquals(1 + ShapeKind.CIRCLE.ordinal(), all[top * slots + 1]);
        assertEquals(Size.BIG.ordinal(), all[top * slots + 3]);
        // token (row 7, column 3): the bottom cell is empty: no shape, colour and size not asked
        int bottom = 7 * 8 + 3;
        assertEquals(Region.BOTTOM.ordinal(), all[bottom * slots]);
        assertEquals(0, all[bottom * slots + 1]);
        assertEquals(AttributeSlots.IGNORE, all[bottom * slots + 2]);
        assertEquals(AttributeSlots.IGNORE, all[bottom * slots + 3]);
        // token (0, 0) is a corner, outside every region
        assertEquals(Region.values().length, all[0]);
        SceneTokenLabels.SLOTS.check(all, 64);
    }

    @Test
    void anUnknownWordInASignatureIsNamed() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> labels.labels("hexagon:red:big:top"));
        assertTrue(e.getMessage().contains("ShapeKind 'hexagon'"), e.getMessage());
    }
}
