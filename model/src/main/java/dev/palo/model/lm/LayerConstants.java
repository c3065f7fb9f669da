package dev.palo.model.lm;

import ai.djl.ndarray.NDArray;
import dev.palo.model.nn.StackedLinear;

/**
 * What one decoder layer's forwards share within one generate() call, made once instead of once
 * per step: its linears that read the same input stacked — q, k, v (k and v repeated per query
 * head) and the MLP's gate and up; either is null where an adapter or a bias keeps them apart, or
 * where the model is too large for the copies to pay ({@link CausalLm#stacksLinears}) —
 * and its scalar operands as tensors (each norm's epsilon, the attention scale), which a step
 * would otherwise make from Java memory at every use.
 */
record LayerConstants(
        StackedLinear qkv, StackedLinear gateUp, NDArray inputNormEpsilon, NDArray postNormEpsilon,
        NDArray attentionScale) {}
