package dev.palo.model.base;

/** One optimizer step of vision pretraining; a skipped step had a non-finite gradient and changed nothing. */
public record VisionStep(int step, int totalSteps, double loss, double learningRate, double gradNorm, boolean skipped,
        int images) {
}
