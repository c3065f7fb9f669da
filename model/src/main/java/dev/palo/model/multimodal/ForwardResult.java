package dev.palo.model.multimodal;

import ai.djl.ndarray.NDArray;

/**
 * Output of a training forward.
 *
 * @param logits [B, T', vocab] float32
 * @param labels [B, T'] int64 aligned with logits (IGNORE_INDEX over image tokens and padding);
 *     null when no labels were given
 * @param attentionMask [B, T'] int64, 1 for real tokens
 */
public record ForwardResult(NDArray logits, NDArray labels, NDArray attentionMask) {}
