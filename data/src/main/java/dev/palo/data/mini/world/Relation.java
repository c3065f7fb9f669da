package dev.palo.data.mini.world;

import java.util.Locale;

/** A spatial relation between two objects; {@link #key()} names the phrase in every grammar's lexicon. */
public enum Relation {
    LEFT_OF, RIGHT_OF, ABOVE, BELOW;

    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }
}
