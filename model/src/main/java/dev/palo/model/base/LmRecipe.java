package dev.palo.model.base;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.palo.model.train.TrainingConfig;

/**
 * How the base LM is pretrained on text. All of the LM trains at one learning rate without weight decay, which
 * is the {@code finetune-full} stage policy applied to a text-only model (it has no projector to match).
 *
 * @param vocabSize       BPE vocabulary trained on the corpus (specials, 256 bytes, characters, merges)
 * @param learningRate    peak of the warmup + cosine schedule
 * @param batchSize       packed samples (consecutive lines, up to {@code maxLength} tokens) per optimizer step
 * @param epochs          passes over the corpus
 * @param maxLength       tokens per packed sample; a longer line is cut there
 * @param checkpointEvery optimizer steps between saved training states
 * @param seed            data order (model initialisation has its own seed)
 */
public record LmRecipe(
        @JsonProperty("vocab_size") int vocabSize,
        @JsonProperty("learning_rate") double learningRate,
        @JsonProperty("batch_size") int batchSize,
        @JsonProperty("epochs") double epochs,
        @JsonProperty("max_length") int maxLength,
        @JsonProperty("checkpoint_every") int checkpointEvery,
        @JsonProperty("seed") long seed) {

    /** The stage policy whose groups cover a text-only model's parameters. */
    static final String STAGE = "finetune-full";
    private static final double WARMUP_RATIO = 0.03;

    public LmRecipe {
        if (vocabSize < 1 || batchSize < 1 || maxLength < 2 || checkpointEvery < 1 || !(learningRate > 0)
                || !(epochs > 0)) {
            throw new IllegalArgumentException("base LM recipe needs a positive vocab size, learning rate, batch size,"
                    + " epochs and checkpoint interval and a max length of at least 2, got " + this);
        }
    }

    public TrainingConfig trainingConfig() {
        return new TrainingConfig(STAGE, learningRate, batchSize, batchSize, epochs, WARMUP_RATIO, 1.0, maxLength,
                0.9f, 0.95f, 1e-8f, null, seed);
    }

    public LmRecipe withEpochs(double count) {
        return new LmRecipe(vocabSize, learningRate, batchSize, count, maxLength, checkpointEvery, seed);
    }

    public LmRecipe withCheckpointEvery(int steps) {
        return new LmRecipe(vocabSize, learningRate, batchSize, epochs, maxLength, steps, seed);
    }
}
