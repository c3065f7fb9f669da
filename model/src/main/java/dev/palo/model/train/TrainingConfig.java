package dev.palo.model.train;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.palo.model.lora.LoraConfig;

/**
 * Hyper-parameters of one training stage. The static factories hold the released recipes (FACTS:
 * LLaVA/PALO scripts); a caller scales them down for {@code mini} with the {@code with*} methods.
 * Weight decay and per-group learning-rate scales live in the {@link StagePolicy}.
 */
public record TrainingConfig(
        @JsonProperty("stage") String stage,
        @JsonProperty("learning_rate") double learningRate,
        @JsonProperty("global_batch_size") int globalBatchSize,
        @JsonProperty("micro_batch_size") int microBatchSize,
        @JsonProperty("epochs") double epochs,
        @JsonProperty("warmup_ratio") double warmupRatio,
        @JsonProperty("max_grad_norm") double maxGradNorm,
        @JsonProperty("model_max_length") int modelMaxLength,
        @JsonProperty("adam_beta1") float adamBeta1,
        @JsonProperty("adam_beta2") float adamBeta2,
        @JsonProperty("adam_epsilon") float adamEpsilon,
        @JsonProperty("lora") LoraConfig lora,
        @JsonProperty("seed") long seed) {

    public TrainingConfig {
        StagePolicy.load(stage);
        if (!(learningRate > 0) || !(epochs > 0) || !(maxGradNorm > 0) || modelMaxLength < 1) {
            throw new IllegalArgumentException("learning rate, epochs, max grad norm and model max length must be positive");
        }
        if (microBatchSize < 1 || globalBatchSize < microBatchSize || globalBatchSize % microBatchSize != 0) {
            throw new IllegalArgumentException("global batch " + globalBatchSize
                    + " must be a positive multiple of the micro batch " + microBatchSize);
        }
        if (!(warmupRatio >= 0 && warmupRatio <= 1)) {
            throw new IllegalArgumentException("warmup ratio must be in [0, 1], got " + warmupRatio);
        }
        if (stage.equals("finetune-lora") && lora == null) {
            throw new IllegalArgumentException("stage finetune-lora needs a LoRA config");
        }
    }

    /** Projector pretraining: lr 1e-3, global batch 256, 1 epoch, warmup 0.03, cosine, max length 2048. */
    public static TrainingConfig pretrain() {
        return released("pretrain", 1e-3, 256, null);
    }

    /** PALO 7B/13B: LoRA r 128, alpha 256, dropout 0.05, LM lr 2e-4 (projector 2e-5 via the policy), batch 128. */
    public static TrainingConfig finetuneLora() {
        return released("finetune-lora", 2e-4, 128, new LoraConfig(128, 256, 0.05f));
    }

    /** MobilePALO-1.7B: full finetune, lr 2e-5, batch 128. */
    public static TrainingConfig finetuneFull() {
        return released("finetune-full", 2e-5, 128, null);
    }

    /**
     * What the released recipes share, stated once (LLaVA's training scripts): micro batch 16, one epoch, warmup 0.03,
     * gradients clipped at norm 1.0, 2048 tokens, AdamW's betas 0.9 / 0.999 and epsilon 1e-8, seed 42; the stage,
     * learning rate, global batch and adapters are each recipe's own.
     */
    private static TrainingConfig released(String stage, double learningRate, int globalBatchSize, LoraConfig lora) {
        return new TrainingConfig(stage, learningRate, globalBatchSize, 16, 1, 0.03, 1.0, 2048, 0.9f, 0.999f, 1e-8f,
                lora, 42);
    }

    /** Number of optimizer steps for a dataset of {@code samples}: ceil(epochs × samples / global batch). */
    public int totalSteps(int samples) {
        return Math.max(1, (int) Math.ceil(epochs * samples / globalBatchSize));
    }

    public int accumulationSteps() {
        return globalBatchSize / microBatchSize;
    }

    public TrainingConfig withLearningRate(double lr) {
        return new TrainingConfig(stage, lr, globalBatchSize, microBatchSize, epochs, warmupRatio, maxGradNorm,
                modelMaxLength, adamBeta1, adamBeta2, adamEpsilon, lora, seed);
    }

    public TrainingConfig withBatch(int global, int micro) {
        return new TrainingConfig(stage, learningRate, global, micro, epochs, warmupRatio, maxGradNorm,
                modelMaxLength, adamBeta1, adamBeta2, adamEpsilon, lora, seed);
    }

    public TrainingConfig withEpochs(double count) {
        return new TrainingConfig(stage, learningRate, globalBatchSize, microBatchSize, count, warmupRatio, maxGradNorm,
                modelMaxLength, adamBeta1, adamBeta2, adamEpsilon, lora, seed);
    }

    public TrainingConfig withWarmupRatio(double ratio) {
        return new TrainingConfig(stage, learningRate, globalBatchSize, microBatchSize, epochs, ratio, maxGradNorm,
                modelMaxLength, adamBeta1, adamBeta2, adamEpsilon, lora, seed);
    }

    public TrainingConfig withLora(LoraConfig config) {
        return new TrainingConfig(stage, learningRate, globalBatchSize, microBatchSize, epochs, warmupRatio, maxGradNorm,
                modelMaxLength, adamBeta1, adamBeta2, adamEpsilon, config, seed);
    }

    public TrainingConfig withSeed(long value) {
        return new TrainingConfig(stage, learningRate, globalBatchSize, microBatchSize, epochs, warmupRatio, maxGradNorm,
                modelMaxLength, adamBeta1, adamBeta2, adamEpsilon, lora, value);
    }
}
