package dev.palo.model.base;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * How the vision tower is trained before it is frozen: AdamW without weight decay, warmup + cosine.
 *
 * @param batchSize    images per step
 * @param epochs       passes over the images
 * @param learningRate peak learning rate
 * @param seed         data order and head initialisation
 */
public record VisionRecipe(
        @JsonProperty("batch_size") int batchSize,
        @JsonProperty("epochs") double epochs,
        @JsonProperty("learning_rate") double learningRate,
        @JsonProperty("seed") long seed) {

    static final double WARMUP_RATIO = 0.05;

    public VisionRecipe {
        if (batchSize < 1 || !(epochs > 0) || !(learningRate > 0)) {
            throw new IllegalArgumentException("vision recipe needs a positive batch size, epochs and learning rate,"
                    + " got " + this);
        }
    }

    public int totalSteps(int images) {
        return Math.max(1, (int) Math.ceil(epochs * images / batchSize));
    }

    public VisionRecipe withEpochs(double count) {
        return new VisionRecipe(batchSize, count, learningRate, seed);
    }
}
