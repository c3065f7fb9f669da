package dev.palo.model.train;

/**
 * One optimizer step: its 0-based index, mean loss over its micro-batches, base learning rate × schedule factor,
 * global gradient norm before clipping, whether the non-finite guard skipped the update, and the
 * real (unpadded) tokens it read.
 */
public record StepResult(int step, double loss, double learningRate, double gradNorm, boolean skipped, long tokens) {
}
