package dev.palo.model.multimodal;

import ai.djl.ndarray.NDArray;

/**
 * Language-model inputs after image features were spliced in.
 *
 * @param embeds [B, T', hidden]
 * @param labels [B, T'] int64, or null when no labels were given
 * @param attentionMask [B, T'] int64
 */
public record MultimodalInputs(NDArray embeds, NDArray labels, NDArray attentionMask) {}
