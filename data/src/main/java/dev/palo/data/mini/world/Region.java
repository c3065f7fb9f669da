package dev.palo.data.mini.world;

import java.util.Locale;
import java.util.Optional;

/**
 * Where an object sits: one cell of a 3×3 grid laid out as a plus, so that every region is visually distinct and
 * left/right/top/bottom/centre mean what they say.
 */
public enum Region {
    TOP(1, 0), LEFT(0, 1), CENTRE(1, 1), RIGHT(2, 1), BOTTOM(1, 2);

    private final int column;
    private final int row;

    Region(int column, int row) {
        this.column = column;
        this.row = row;
    }

    public int column() {
        return column;
    }

    public int row() {
        return row;
    }

    /** The position key every grammar's lexicon defines. */
    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * How this region lies relative to {@code other}, when that is unambiguous: both on one row or one column.
     * Diagonal pairs (e.g. top and left) have no single answer and give empty.
     */
    public Optional<Relation> relativeTo(Region other) {
        if (this == other) {
            return Optional.empty();
        }
        if (row == other.row) {
            return Optional.of(column < other.column ? Relation.LEFT_OF : Relation.RIGHT_OF);
        }
        if (column == other.column) {
            return Optional.of(row < other.row ? Relation.ABOVE : Relation.BELOW);
        }
        return Optional.empty();
    }
}
