package dev.palo.model.vision;

import static dev.palo.model.nn.ConfigChecks.divisible;
import static dev.palo.model.nn.ConfigChecks.positive;

import com.fasterxml.jackson.annotation.JsonProperty;

/** A CLIP-style ViT, with the field names of HF's CLIPVisionConfig. */
public record VisionConfig(
        @JsonProperty("hidden_size") int hiddenSize,
        @JsonProperty("intermediate_size") int intermediateSize,
        @JsonProperty("num_hidden_layers") int numHiddenLayers,
        @JsonProperty("num_attention_heads") int numAttentionHeads,
        @JsonProperty("image_size") int imageSize,
        @JsonProperty("patch_size") int patchSize,
        @JsonProperty("num_channels") int numChannels,
        @JsonProperty("layer_norm_eps") float layerNormEps) {

    public VisionConfig {
        positive("vision hidden_size", hiddenSize);
        positive("vision intermediate_size", intermediateSize);
        positive("vision num_hidden_layers", numHiddenLayers);
        positive("vision num_attention_heads", numAttentionHeads);
        positive("vision image_size", imageSize);
        positive("vision patch_size", patchSize);
        positive("vision num_channels", numChannels);
        divisible("vision hidden_size", hiddenSize, "num_attention_heads", numAttentionHeads);
        divisible("vision image_size", imageSize, "patch_size", patchSize);
    }

    /** Patches per side of the square grid. */
    public int gridSize() {
        return imageSize / patchSize;
    }

    public int numPatches() {
        return gridSize() * gridSize();
    }
}
