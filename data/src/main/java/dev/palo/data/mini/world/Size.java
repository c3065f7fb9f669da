package dev.palo.data.mini.world;

import java.util.Locale;

/** The two object sizes; {@link #pixels()} is the side of the object's bounding box. */
public enum Size {
    BIG(17), SMALL(9);

    private final int pixels;

    Size(int pixels) {
        this.pixels = pixels;
    }

    public int pixels() {
        return pixels;
    }

    /** The adjective key every grammar's lexicon defines. */
    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }
}
