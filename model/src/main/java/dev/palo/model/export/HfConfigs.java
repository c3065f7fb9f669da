package dev.palo.model.export;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.palo.model.PaloConfig;
import dev.palo.model.lm.LmConfig;
import dev.palo.model.tokenizer.TextTokenizer;
import dev.palo.model.vision.VisionConfig;

/**
 * The platform's {@link PaloConfig} as the {@code config.json} files Hugging Face, LLaVA, PALO and MobileVLM read,
 * and back: the flat {@code LlamaConfig} keys with LLaVA's {@code mm_*} keys for the language model, a
 * {@code CLIPVisionConfig} for the vision tower's own directory, and CLIP's image processor settings.
 * The keys follow LLaVA's {@code LlavaConfig}/{@code initialize_vision_modules} and MobileVLM/PALO's, read from
 * their code; nothing here needs their packages.
 */
public final class HfConfigs {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** CLIPImageProcessor's mean and std (openai/clip-vit-large-patch14-336), as {@code ImagePreprocessor}. */
    private static final double[] CLIP_MEAN = {0.48145466, 0.4578275, 0.40821073};
    private static final double[] CLIP_STD = {0.26862954, 0.26130258, 0.27577711};

    private HfConfigs() {
    }

    /**
     * The language model's {@code config.json}. A text-only model is a plain {@code LlamaForCausalLM}; a multimodal
     * one is LLaVA's {@code llava_llama} with an MLP or linear projector, PALO's {@code palo} with an LDP one (LLaVA
     * has no LDP), and names its vision tower directory in {@code mm_vision_tower}.
     */
    public static ObjectNode languageModel(PaloConfig config, TextTokenizer tokenizer, String visionTower,
                                           int modelMaxLength) {
        LmConfig lm = config.textConfig();
        ObjectNode json = JSON.createObjectNode();
        String modelType = modelType(config);
        json.putArray("architectures").add(architecture(modelType));
        json.put("model_type", modelType);
        json.put("vocab_size", lm.vocabSize());
        json.put("hidden_size", lm.hiddenSize());
        json.put("intermediate_size", lm.intermediateSize());
        json.put("num_hidden_layers", lm.numHiddenLayers());
        json.put("num_attention_heads", lm.numAttentionHeads());
        json.put("num_key_value_heads", lm.numKeyValueHeads());
        json.put("head_dim", lm.headDim());
        json.put("max_position_embeddings", lm.maxPositionEmbeddings());
        json.put("rope_theta", lm.ropeTheta());
        json.putNull("rope_scaling");
        json.put("rms_norm_eps", lm.rmsNormEps());
        json.put("tie_word_embeddings", lm.tieWordEmbeddings());
        json.put("hidden_act", "silu");
        json.put("attention_bias", false);
        json.put("attention_dropout", 0.0);
        json.put("mlp_bias", false);
        json.put("pretraining_tp", 1);
        json.put("initializer_range", 0.02);
        json.put("use_cache", true);
        json.put("torch_dtype", "float32");
        json.put("bos_token_id", tokenizer.bosId());
        json.put("eos_token_id", tokenizer.eosId());
        json.put("pad_token_id", tokenizer.padId());
        if (config.isMultimodal()) {
            json.put("mm_vision_tower", visionTower);
            json.put("mm_hidden_size", config.visionConfig().hiddenSize());
            json.put("mm_projector_type", LlavaNames.exportedProjector(config.mmProjectorType()));
            json.put("mm_vision_select_layer", config.mmVisionSelectLayer());
            json.put("mm_vision_select_feature", config.mmVisionSelectFeature());
            json.put("mm_patch_merge_type", "flat");
            // the platform never adds <im_start>/<im_end>/<im_patch>: LLaVA-1.5's and PALO's settings
            json.put("mm_use_im_start_end", false);
            json.put("mm_use_im_patch_token", false);
            json.put("image_aspect_ratio", "pad");
            json.putNull("image_grid_pinpoints");
            json.put("use_mm_proj", true);
            json.put("tune_mm_mlp_adapter", false);
            json.put("freeze_mm_mlp_adapter", false);
            json.put("tokenizer_model_max_length", modelMaxLength);
            json.put("tokenizer_padding_side", "right");
        }
        return json;
    }

    /** {@code llama} for text, {@code palo} for an LDP projector, else LLaVA's {@code llava_llama}. */
    public static String modelType(PaloConfig config) {
        if (!config.isMultimodal()) {
            return LlavaNames.LLAMA;
        }
        return config.mmProjectorType().startsWith("ldp") ? LlavaNames.PALO : LlavaNames.LLAVA;
    }

    private static String architecture(String modelType) {
        return switch (modelType) {
            case LlavaNames.LLAMA -> "LlamaForCausalLM";
            case LlavaNames.PALO -> "PaloForCausalLM";
            default -> "LlavaLlamaForCausalLM";
        };
    }

    /** The vision tower directory's {@code config.json}: what {@code CLIPVisionModel.from_pretrained} reads. */
    public static ObjectNode visionTower(VisionConfig vision) {
        ObjectNode json = JSON.createObjectNode();
        json.putArray("architectures").add("CLIPVisionModel");
        json.put("model_type", "clip_vision_model");
        json.put("hidden_size", vision.hiddenSize());
        json.put("intermediate_size", vision.intermediateSize());
        json.put("num_hidden_layers", vision.numHiddenLayers());
        json.put("num_attention_heads", vision.numAttentionHeads());
        json.put("num_channels", vision.numChannels());
        json.put("image_size", vision.imageSize());
        json.put("patch_size", vision.patchSize());
        // the platform's encoder layers use CLIP's quick GELU, as OpenAI's CLIP checkpoints do
        json.put("hidden_act", "quick_gelu");
        json.put("layer_norm_eps", vision.layerNormEps());
        json.put("attention_dropout", 0.0);
        json.put("dropout", 0.0);
        json.put("initializer_range", 0.02);
        json.put("initializer_factor", 1.0);
        json.put("projection_dim", vision.hiddenSize());
        json.put("torch_dtype", "float32");
        return json;
    }

    /** {@code preprocessor_config.json}: CLIPImageProcessor at the tower's size (LLaVA pads to square first). */
    public static ObjectNode imageProcessor(VisionConfig vision) {
        ObjectNode json = JSON.createObjectNode();
        json.put("image_processor_type", "CLIPImageProcessor");
        json.put("do_resize", true);
        json.putObject("size").put("shortest_edge", vision.imageSize());
        json.put("resample", 3);
        json.put("do_center_crop", true);
        json.putObject("crop_size").put("height", vision.imageSize()).put("width", vision.imageSize());
        json.put("do_rescale", true);
        json.put("rescale_factor", 1.0 / 255);
        json.put("do_normalize", true);
        var mean = json.putArray("image_mean");
        var std = json.putArray("image_std");
        for (int c = 0; c < 3; c++) {
            mean.add(CLIP_MEAN[c]);
            std.add(CLIP_STD[c]);
        }
        json.put("do_convert_rgb", true);
        return json;
    }

    /** {@code generation_config.json}: LLaVA-Bench decodes greedily. */
    public static ObjectNode generation(TextTokenizer tokenizer) {
        ObjectNode json = JSON.createObjectNode();
        json.put("bos_token_id", tokenizer.bosId());
        json.put("eos_token_id", tokenizer.eosId());
        json.put("pad_token_id", tokenizer.padId());
        json.put("do_sample", false);
        return json;
    }

    /** The language model of a LLaVA/PALO/MobileVLM {@code config.json}; absent keys take LlamaConfig's defaults. */
    public static LmConfig languageModel(JsonNode json) {
        int hidden = required(json, "hidden_size");
        int heads = required(json, "num_attention_heads");
        if (json.hasNonNull("head_dim") && json.get("head_dim").asInt() * heads != hidden) {
            throw new IllegalArgumentException("config.json has head_dim " + json.get("head_dim").asInt() + " but "
                    + "hidden_size / num_attention_heads is " + hidden / heads + "; the platform's LM needs them equal");
        }
        if (json.hasNonNull("rope_scaling")) {
            throw new IllegalArgumentException("config.json sets rope_scaling " + json.get("rope_scaling")
                    + "; the platform's LM implements plain rotary positions only");
        }
        if (!"silu".equals(json.path("hidden_act").asText("silu"))) {
            throw new IllegalArgumentException("config.json has hidden_act " + json.get("hidden_act")
                    + "; the platform's LM is Llama's SwiGLU (silu)");
        }
        return new LmConfig(required(json, "vocab_size"), hidden, required(json, "intermediate_size"),
                required(json, "num_hidden_layers"), heads, json.path("num_key_value_heads").asInt(heads),
                json.path("max_position_embeddings").asInt(2048), json.path("rope_theta").asDouble(10000.0),
                (float) json.path("rms_norm_eps").asDouble(1e-6), json.path("tie_word_embeddings").asBoolean(false));
    }

    /**
     * The vision tower of a CLIP directory's {@code config.json}: a {@code CLIPVisionConfig}, or a whole CLIP model's
     * config (as {@code openai/clip-vit-large-patch14-336} ships) whose {@code vision_config} is used.
     */
    public static VisionConfig visionTower(JsonNode json) {
        JsonNode vision = "clip".equals(json.path("model_type").asText()) ? json.path("vision_config") : json;
        String act = vision.path("hidden_act").asText("quick_gelu");
        if (!"quick_gelu".equals(act)) {
            throw new IllegalArgumentException("the vision tower's hidden_act is " + act
                    + "; the platform's CLIP encoder implements quick_gelu only");
        }
        return new VisionConfig(required(vision, "hidden_size"), required(vision, "intermediate_size"),
                required(vision, "num_hidden_layers"), required(vision, "num_attention_heads"),
                required(vision, "image_size"), required(vision, "patch_size"), vision.path("num_channels").asInt(3),
                (float) vision.path("layer_norm_eps").asDouble(1e-5));
    }

    /** The whole architecture from the LM's and (for a multimodal model) the vision tower's config. */
    public static PaloConfig platform(JsonNode languageModel, JsonNode visionTowerOrNull) {
        LmConfig lm = languageModel(languageModel);
        if (visionTowerOrNull == null) {
            return PaloConfig.textOnly(lm);
        }
        if (languageModel.path("mm_use_im_start_end").asBoolean(false)
                || languageModel.path("mm_use_im_patch_token").asBoolean(false)) {
            throw new IllegalArgumentException("config.json sets mm_use_im_start_end or mm_use_im_patch_token; the"
                    + " platform splices images without <im_start>/<im_end>/<im_patch> tokens (LLaVA-1.5 and PALO"
                    + " leave both false)");
        }
        String projector = LlavaNames.platformProjector(languageModel.path("mm_projector_type").asText("linear"));
        return new PaloConfig(visionTower(visionTowerOrNull), projector, lm, null,
                languageModel.path("mm_vision_select_layer").asInt(PaloConfig.DEFAULT_SELECT_LAYER),
                languageModel.path("mm_vision_select_feature").asText(PaloConfig.DEFAULT_SELECT_FEATURE));
    }

    private static int required(JsonNode json, String key) {
        if (!json.path(key).canConvertToInt()) {
            throw new IllegalArgumentException("config.json has no integer " + key);
        }
        return json.get(key).asInt();
    }
}
