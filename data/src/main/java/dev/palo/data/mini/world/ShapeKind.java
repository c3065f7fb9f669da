package dev.palo.data.mini.world;

import java.util.Locale;

/** The shapes of PALO-mini; {@link #key()} is the noun key every grammar's lexicon defines. */
public enum ShapeKind {
    CIRCLE, SQUARE, TRIANGLE, STAR, DIAMOND;

    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }
}
