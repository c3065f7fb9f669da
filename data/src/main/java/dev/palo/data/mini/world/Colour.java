package dev.palo.data.mini.world;

import java.util.Locale;

/** The colours of PALO-mini, far enough apart in RGB that a small vision encoder can tell them apart. */
public enum Colour {
    RED(0xDC1E1E), GREEN(0x1EA028), BLUE(0x1E3CDC), YELLOW(0xEBC814), PURPLE(0x8C28AA), ORANGE(0xF58214);

    private final int rgb;

    Colour(int rgb) {
        this.rgb = rgb;
    }

    public int rgb() {
        return rgb;
    }

    /** The adjective key every grammar's lexicon defines. */
    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }
}
