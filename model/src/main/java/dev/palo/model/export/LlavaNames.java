package dev.palo.model.export;

import dev.palo.model.projector.Projectors;

/**
 * File, directory and type names of the LLaVA / PALO / MobileVLM layouts. Their model loaders choose the code
 * path from the directory's name ({@code get_model_name_from_path}): LLaVA's needs {@code llava} in it, PALO's
 * {@code palo}, and both take the LoRA path only for a name with {@code lora} and a {@code --model-base}; so every
 * exported model directory is named {@code llava-palo-<id>}.
 */
public final class LlavaNames {
    public static final String LLAMA = "llama";
    public static final String LLAVA = "llava_llama";
    public static final String PALO = "palo";

    public static final String CONFIG = "config.json";
    public static final String MODEL = "model.safetensors";
    public static final String SHARD_INDEX = "model.safetensors.index.json";
    /** PyTorch's format of the same, as most LLaVA and PALO releases ship their weights. */
    public static final String TORCH_MODEL = "pytorch_model.bin";
    public static final String TORCH_SHARD_INDEX = "pytorch_model.bin.index.json";
    public static final String GENERATION_CONFIG = "generation_config.json";
    public static final String TOKENIZER = "tokenizer.json";
    public static final String TOKENIZER_CONFIG = "tokenizer_config.json";
    public static final String SPECIAL_TOKENS_MAP = "special_tokens_map.json";
    public static final String IMAGE_PROCESSOR = "preprocessor_config.json";
    public static final String ADAPTER = "adapter_model.safetensors";
    public static final String ADAPTER_CONFIG = "adapter_config.json";
    /** LLaVA's LoRA output: every trained tensor that is not an adapter (the projector), a torch pickle. */
    public static final String NON_LORA_TRAINABLES = "non_lora_trainables.bin";
    /** LLaVA's pretrain output, read by {@code --pretrain_mm_mlp_adapter} with {@code torch.load}. */
    public static final String PROJECTOR_BIN = "mm_projector.bin";

    /** The vision tower's directory beside the model directories; {@code mm_vision_tower} names it. */
    public static final String VISION_TOWER_DIR = "palo-vision-tower";
    /** How {@code mm_vision_tower} refers to it: a local path, read from the export folder. */
    public static final String VISION_TOWER_REF = "./" + VISION_TOWER_DIR;

    private LlavaNames() {
    }

    /** {@code llava-palo-<id>}: a name both LLaVA's and PALO's loaders recognise. */
    public static String modelDir(String id) {
        return "llava-palo-" + id;
    }

    /** The LoRA directory of a model: its name carries {@code lora}, which selects the loaders' LoRA path. */
    public static String loraDir(String id) {
        return modelDir(id) + "-lora";
    }

    /** The model the LoRA adapters of {@code id} apply to ({@code --model-base}). */
    public static String baseDir(String id) {
        return modelDir(id) + "-base";
    }

    /** The projector alone, as LLaVA's pretraining leaves it. */
    public static String projectorDir(String id) {
        return modelDir(id) + "-projector";
    }

    /** MobileVLM/PALO call the LDP projectors {@code ldpnet} and {@code ldpnetv2}; other names are LLaVA's own. */
    public static String exportedProjector(String platform) {
        return switch (platform) {
            case "ldp" -> "ldpnet";
            case "ldpv2" -> "ldpnetv2";
            default -> platform;
        };
    }

    /** The inverse of {@link #exportedProjector}; an unknown name is an error listing the known ones. */
    public static String platformProjector(String exported) {
        String platform = switch (exported) {
            case "ldpnet" -> "ldp";
            case "ldpnetv2" -> "ldpv2";
            default -> exported;
        };
        if (!platform.equals("linear") && !platform.startsWith("ldp")) {
            Projectors.mlpDepth(platform);
        } else if (platform.startsWith("ldp") && !platform.equals("ldp") && !platform.equals("ldpv2")) {
            throw new IllegalArgumentException("Unknown mm_projector_type '" + exported + "'; known: linear,"
                    + " mlp<N>x_gelu, ldpnet, ldpnetv2");
        }
        return platform;
    }
}
