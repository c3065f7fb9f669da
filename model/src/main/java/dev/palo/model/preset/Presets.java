package dev.palo.model.preset;

import dev.palo.model.PaloConfig;
import dev.palo.model.lm.LmConfig;
import dev.palo.model.vision.VisionConfig;
import java.util.List;
import java.util.Map;

/**
 * Named architectures. The paper's models use CLIP ViT-L/14-336 with the penultimate layer's patch
 * tokens; numbers are from the public HF configs (openai/clip-vit-large-patch14-336,
 * lmsys/vicuna-7b-v1.5, lmsys/vicuna-13b-v1.5, mtgv/MobileLLaMA-1.4B-Chat).
 */
public final class Presets {
    /** CLIP ViT-L/14 at 336 px: 24×24 = 576 patch tokens of width 1024. */
    public static final VisionConfig CLIP_VIT_L_14_336 = new VisionConfig(1024, 4096, 24, 16, 336, 14, 3, 1e-5f);

    public static final LmConfig MOBILE_LLAMA_1_4B =
            new LmConfig(32000, 2048, 5632, 24, 16, 16, 2048, 10000.0, 1e-6f, false);
    public static final LmConfig VICUNA_7B = new LmConfig(32000, 4096, 11008, 32, 32, 32, 4096, 10000.0, 1e-5f, false);
    public static final LmConfig VICUNA_13B = new LmConfig(32000, 5120, 13824, 40, 40, 40, 4096, 10000.0, 1e-5f, false);

    /**
     * Trains on 2 CPU cores in minutes: 64 px images in 8 px patches (64 tokens, 16 after LDP),
     * a 3-layer ViT of width 128 and a 3-layer LM of width 192 with grouped key/value heads. The
     * vocabulary is a placeholder: set it from the tokenizer with {@link PaloConfig#withVocabSize}.
     */
    public static final PaloConfig MINI = multimodal(
            new VisionConfig(128, 512, 3, 4, 64, 8, 3, 1e-5f),
            "ldp",
            new LmConfig(4096, 192, 512, 3, 6, 3, 512, 10000.0, 1e-5f, false));

    private static final Map<String, PaloConfig> BY_NAME = Map.of(
            "mini", MINI,
            "palo-1.7b", multimodal(CLIP_VIT_L_14_336, "ldp", MOBILE_LLAMA_1_4B),
            "palo-7b", multimodal(CLIP_VIT_L_14_336, "mlp2x_gelu", VICUNA_7B),
            "palo-13b", multimodal(CLIP_VIT_L_14_336, "mlp2x_gelu", VICUNA_13B));

    private Presets() {}

    public static List<String> names() {
        return BY_NAME.keySet().stream().sorted().toList();
    }

    public static PaloConfig get(String name) {
        PaloConfig config = BY_NAME.get(name);
        if (config == null) {
            throw new IllegalArgumentException("Unknown preset '" + name + "'; known: " + names());
        }
        return config;
    }

    private static PaloConfig multimodal(VisionConfig vision, String projector, LmConfig lm) {
        return new PaloConfig(
                vision, projector, lm, null, PaloConfig.DEFAULT_SELECT_LAYER, PaloConfig.DEFAULT_SELECT_FEATURE);
    }
}
