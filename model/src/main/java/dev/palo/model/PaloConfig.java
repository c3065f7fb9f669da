package dev.palo.model;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.palo.model.lm.LmConfig;
import dev.palo.model.lora.LoraConfig;
import dev.palo.model.vision.FeatureSelection;
import dev.palo.model.vision.VisionConfig;

/**
 * The whole model's architecture, serialised with HF/LLaVA-style snake_case names. A text-only
 * model has neither {@code vision_config} nor {@code mm_projector_type}; {@code lora_config} is
 * null unless LoRA adapters are attached.
 */
public record PaloConfig(
        @JsonProperty("vision_config") VisionConfig visionConfig,
        @JsonProperty("mm_projector_type") String mmProjectorType,
        @JsonProperty("text_config") LmConfig textConfig,
        @JsonProperty("lora_config") LoraConfig loraConfig,
        @JsonProperty("mm_vision_select_layer") int mmVisionSelectLayer,
        @JsonProperty("mm_vision_select_feature") String mmVisionSelectFeature) {

    /** LLaVA's defaults: penultimate layer, CLS dropped. */
    public static final int DEFAULT_SELECT_LAYER = -2;

    public static final String DEFAULT_SELECT_FEATURE = FeatureSelection.PATCH.configName();

    public PaloConfig {
        if (textConfig == null) {
            throw new IllegalArgumentException("text_config is required");
        }
        if ((visionConfig == null) != (mmProjectorType == null)) {
            throw new IllegalArgumentException(
                    "vision_config and mm_projector_type must be given together (both absent for a text-only model)");
        }
        if (visionConfig != null) {
            FeatureSelection.fromConfig(mmVisionSelectFeature);
        }
    }

    /** A language model without vision. */
    public static PaloConfig textOnly(LmConfig textConfig) {
        return new PaloConfig(null, null, textConfig, null, DEFAULT_SELECT_LAYER, DEFAULT_SELECT_FEATURE);
    }

    @JsonIgnore
    public boolean isMultimodal() {
        return visionConfig != null;
    }

    @JsonIgnore
    public FeatureSelection featureSelection() {
        return FeatureSelection.fromConfig(mmVisionSelectFeature);
    }

    public PaloConfig withLora(LoraConfig lora) {
        return new PaloConfig(
                visionConfig, mmProjectorType, textConfig, lora, mmVisionSelectLayer, mmVisionSelectFeature);
    }

    /** The same model with the vocabulary of a given tokenizer. */
    public PaloConfig withVocabSize(int vocabSize) {
        return new PaloConfig(visionConfig, mmProjectorType, textConfig.withVocabSize(vocabSize), loraConfig,
                mmVisionSelectLayer, mmVisionSelectFeature);
    }
}
