package dev.palo.model.lm;

import static dev.palo.model.nn.ConfigChecks.divisible;
import static dev.palo.model.nn.ConfigChecks.positive;

import com.fasterxml.jackson.annotation.JsonProperty;

/** A Llama-style decoder, with the field names of HF's LlamaConfig. */
public record LmConfig(
        @JsonProperty("vocab_size") int vocabSize,
        @JsonProperty("hidden_size") int hiddenSize,
        @JsonProperty("intermediate_size") int intermediateSize,
        @JsonProperty("num_hidden_layers") int numHiddenLayers,
        @JsonProperty("num_attention_heads") int numAttentionHeads,
        @JsonProperty("num_key_value_heads") int numKeyValueHeads,
        @JsonProperty("max_position_embeddings") int maxPositionEmbeddings,
        @JsonProperty("rope_theta") double ropeTheta,
        @JsonProperty("rms_norm_eps") float rmsNormEps,
        @JsonProperty("tie_word_embeddings") boolean tieWordEmbeddings) {

    public LmConfig {
        positive("vocab_size", vocabSize);
        positive("hidden_size", hiddenSize);
        positive("intermediate_size", intermediateSize);
        positive("num_hidden_layers", numHiddenLayers);
        positive("num_attention_heads", numAttentionHeads);
        positive("num_key_value_heads", numKeyValueHeads);
        positive("max_position_embeddings", maxPositionEmbeddings);
        divisible("hidden_size", hiddenSize, "num_attention_heads", numAttentionHeads);
        divisible("num_attention_heads", numAttentionHeads, "num_key_value_heads", numKeyValueHeads);
        divisible("head dimension", (long) hiddenSize / numAttentionHeads, "2 (rotary pairs)", 2);
        if (!(ropeTheta > 0)) {
            throw new IllegalArgumentException("rope_theta must be positive, got " + ropeTheta);
        }
    }

    public int headDim() {
        return hiddenSize / numAttentionHeads;
    }

    public LmConfig withVocabSize(int newVocabSize) {
        return new LmConfig(newVocabSize, hiddenSize, intermediateSize, numHiddenLayers, numAttentionHeads,
                numKeyValueHeads, maxPositionEmbeddings, ropeTheta, rmsNormEps, tieWordEmbeddings);
    }
}
