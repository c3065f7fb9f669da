package dev.palo.model.preset;

import dev.palo.model.PaloConfig;
import dev.palo.model.lm.LmConfig;
import dev.palo.model.vision.VisionConfig;

/** Very small architectures that keep the network tests fast. */
public final class TinyConfigs {
    /** 16 px images in 4 px patches: a 4×4 grid of 16 patch tokens of width 24. */
    public static final VisionConfig VISION = new VisionConfig(24, 48, 2, 2, 16, 4, 3, 1e-5f);

    /** Grouped key/value heads (4 query heads share 2) to exercise repeat_kv. */
    public static final LmConfig LM = new LmConfig(40, 32, 64, 2, 4, 2, 128, 10000.0, 1e-5f, false);

    private TinyConfigs() {}

    public static PaloConfig multimodal(String projector) {
        return new PaloConfig(
                VISION, projector, LM, null, PaloConfig.DEFAULT_SELECT_LAYER, PaloConfig.DEFAULT_SELECT_FEATURE);
    }
}
