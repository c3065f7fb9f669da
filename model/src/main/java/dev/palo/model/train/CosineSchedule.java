package dev.palo.model.train;

/**
 * HF's {@code get_cosine_schedule_with_warmup} (half a cosine cycle): the learning-rate factor rises
 * linearly over {@code ceil(warmupRatio × totalSteps)} steps, then follows a cosine down to 0.
 */
public record CosineSchedule(int totalSteps, int warmupSteps) {

    public CosineSchedule {
        if (totalSteps < 1 || warmupSteps < 0 || warmupSteps > totalSteps) {
            throw new IllegalArgumentException("cosine schedule needs 1 <= total steps and 0 <= warmup <= total, got total "
                    + totalSteps + ", warmup " + warmupSteps);
        }
    }

    /** As HF's TrainingArguments.get_warmup_steps: ceil(ratio × total). */
    public static CosineSchedule withWarmupRatio(int totalSteps, double warmupRatio) {
        if (!(warmupRatio >= 0 && warmupRatio <= 1)) {
            throw new IllegalArgumentException("warmup ratio must be in [0, 1], got " + warmupRatio);
        }
        return new CosineSchedule(totalSteps, (int) Math.ceil(totalSteps * warmupRatio));
    }

    /** Factor for the optimizer step with 0-based index {@code step}. */
    public double factor(int step) {
        if (step < warmupSteps) {
            return (double) step / Math.max(1, warmupSteps);
        }
        double progress = (double) (step - warmupSteps) / Math.max(1, totalSteps - warmupSteps);
        return Math.max(0.0, 0.5 * (1.0 + Math.cos(Math.PI * progress)));
    }
}
