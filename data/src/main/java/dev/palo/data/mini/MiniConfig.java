package dev.palo.data.mini;

import dev.palo.data.mini.corpus.LanguageMix;
import dev.palo.data.mini.errors.ErrorRates;
import java.util.Objects;

/** Everything that decides PALO-mini's output: same config, same bytes. */
public record MiniConfig(MiniSize size, long seed, ErrorRates errorRates, LanguageMix baseLmMix) {

    public MiniConfig {
        Objects.requireNonNull(size, "size");
        Objects.requireNonNull(errorRates, "errorRates");
        Objects.requireNonNull(baseLmMix, "baseLmMix");
    }

    public static MiniConfig of(MiniSize size, long seed) {
        return new MiniConfig(size, seed, ErrorRates.defaults(), LanguageMix.paperDefault());
    }
}
