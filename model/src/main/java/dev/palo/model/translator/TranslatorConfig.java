package dev.palo.model.translator;

import static dev.palo.model.nn.ConfigChecks.positive;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.palo.model.PaloConfig;
import dev.palo.model.lm.LmConfig;
import dev.palo.model.train.TrainingConfig;

/**
 * The base translator: its size, its tokenizer and how it is trained. The defaults are sized for the PALO-mini demo
 * on a 2-core CPU: 1.13M parameters, 2 epochs over nine languages × 1000 seed pairs (563 steps of 32 pairs).
 *
 * @param vocabSize         BPE vocabulary trained on the pairs (specials, 256 byte tokens, characters, merges)
 * @param maxPromptTokens   longest prompt (bos, language tag, source, separator) accepted, in tokens
 * @param maxTargetTokens   longest target (with eos) trained on, and the generation limit
 * @param epochs            passes over the training pairs (fractions allowed)
 */
public record TranslatorConfig(
        @JsonProperty("vocab_size") int vocabSize,
        @JsonProperty("hidden_size") int hiddenSize,
        @JsonProperty("intermediate_size") int intermediateSize,
        @JsonProperty("num_hidden_layers") int numHiddenLayers,
        @JsonProperty("num_attention_heads") int numAttentionHeads,
        @JsonProperty("max_prompt_tokens") int maxPromptTokens,
        @JsonProperty("max_target_tokens") int maxTargetTokens,
        @JsonProperty("learning_rate") double learningRate,
        @JsonProperty("epochs") double epochs,
        @JsonProperty("batch_size") int batchSize,
        @JsonProperty("warmup_ratio") double warmupRatio,
        @JsonProperty("seed") long seed) {

    public TranslatorConfig {
        positive("vocab_size", vocabSize);
        positive("max_prompt_tokens", maxPromptTokens);
        positive("max_target_tokens", maxTargetTokens);
        positive("batch_size", batchSize);
        // the LM config checks the remaining sizes with HF's names
        lmConfig(hiddenSize, intermediateSize, numHiddenLayers, numAttentionHeads, vocabSize, maxPromptTokens, maxTargetTokens);
        if (!(learningRate > 0) || !(epochs > 0)) {
            throw new IllegalArgumentException("translator learning_rate and epochs must be positive, got "
                    + learningRate + " and " + epochs);
        }
    }

    public static TranslatorConfig defaults() {
        return builder().sizes(2048, 128, 352, 3, 4).epochs(2).batchSize(32).warmupRatio(0.03).build();
    }

    /** A test-sized translator (~60K parameters) that still covers every PALO-mini character. */
    public static TranslatorConfig tiny() {
        return builder().sizes(700, 32, 64, 1, 2).epochs(1).batchSize(8).warmupRatio(0).build();
    }

    /**
     * Fields by name. Unset, both presets' shared values: prompts of up to 96 tokens, targets of up to 128,
     * learning rate 3e-3, seed 42; the sizes, epochs, batch and warm-up have no default.
     */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder holding this config, to change some fields by name. */
    public Builder toBuilder() {
        return new Builder().sizes(vocabSize, hiddenSize, intermediateSize, numHiddenLayers, numAttentionHeads)
                .maxPromptTokens(maxPromptTokens).maxTargetTokens(maxTargetTokens).learningRate(learningRate)
                .epochs(epochs).batchSize(batchSize).warmupRatio(warmupRatio).seed(seed);
    }

    /** {@code demo} ({@link #defaults()}) or {@code tiny} ({@link #tiny()}). */
    public static TranslatorConfig preset(String name) {
        return switch (name) {
            case "demo" -> defaults();
            case "tiny" -> tiny();
            default -> throw new IllegalArgumentException("unknown translator preset '" + name + "'; known: demo, tiny");
        };
    }

    public TranslatorConfig withTraining(double lr, double passes, int batch) {
        return toBuilder().learningRate(lr).epochs(passes).batchSize(batch).build();
    }

    public TranslatorConfig withSizes(int vocab, int hidden, int intermediate, int layers, int heads) {
        return toBuilder().sizes(vocab, hidden, intermediate, layers, heads).build();
    }

    public TranslatorConfig withSeed(long value) {
        return toBuilder().seed(value).build();
    }

    /** Named fields for {@link TranslatorConfig}; {@link #build()} checks them as the constructor does. */
    public static final class Builder {
        private int vocabSize;
        private int hiddenSize;
        private int intermediateSize;
        private int numHiddenLayers;
        private int numAttentionHeads;
        private int maxPromptTokens = 96;
        private int maxTargetTokens = 128;
        private double learningRate = 3e-3;
        private double epochs;
        private int batchSize;
        private double warmupRatio;
        private long seed = 42;

        private Builder() {
        }

        /** The BPE vocabulary and the Llama LM's width, MLP width, layers and attention heads. */
        public Builder sizes(int vocab, int hidden, int intermediate, int layers, int heads) {
            vocabSize = vocab;
            hiddenSize = hidden;
            intermediateSize = intermediate;
            numHiddenLayers = layers;
            numAttentionHeads = heads;
            return this;
        }

        public Builder maxPromptTokens(int tokens) { maxPromptTokens = tokens; return this; }

        public Builder maxTargetTokens(int tokens) { maxTargetTokens = tokens; return this; }

        public Builder learningRate(double rate) { learningRate = rate; return this; }

        public Builder epochs(double passes) { epochs = passes; return this; }

        public Builder batchSize(int pairs) { batchSize = pairs; return this; }

        public Builder warmupRatio(double share) { warmupRatio = share; return this; }

        public Builder seed(long value) { seed = value; return this; }

        public TranslatorConfig build() {
            return new TranslatorConfig(vocabSize, hiddenSize, intermediateSize, numHiddenLayers, numAttentionHeads,
                    maxPromptTokens, maxTargetTokens, learningRate, epochs, batchSize, warmupRatio, seed);
        }
    }

    /** The text-only Llama architecture for a tokenizer of {@code tokenizerVocab} tokens. */
    PaloConfig architecture(int tokenizerVocab) {
        return PaloConfig.textOnly(lmConfig(hiddenSize, intermediateSize, numHiddenLayers, numAttentionHeads,
                tokenizerVocab, maxPromptTokens, maxTargetTokens));
    }

    /** Full training of every LM weight; the trainer's clipping and AdamW betas are the LLaVA ones. */
    TrainingConfig training() {
        TrainingConfig recipe = TrainingConfig.finetuneFull();
        return new TrainingConfig(recipe.stage(), learningRate, batchSize, batchSize, epochs, warmupRatio,
                recipe.maxGradNorm(), maxSequence(), recipe.adamBeta1(), recipe.adamBeta2(), recipe.adamEpsilon(), null, seed);
    }

    int maxSequence() {
        return maxPromptTokens + maxTargetTokens;
    }

    private static LmConfig lmConfig(int hidden, int intermediate, int layers, int heads, int vocab, int prompt, int target) {
        return new LmConfig(vocab, hidden, intermediate, layers, heads, heads, prompt + target, 10000.0, 1e-5f, false);
    }
}
