package dev.palo.workflows.training;

/**
 * LoRA adapters of the fine-tune stage, with PEFT's meaning; part of the stage's cache key.
 *
 * @param r       adapter rank
 * @param alpha   scaling numerator (the update is alpha / r × B·A)
 * @param dropout dropout on the adapter input
 */
public record LoraSettings(int r, float alpha, float dropout) {
    public LoraSettings {
        if (r < 1 || !(alpha > 0) || !(dropout >= 0 && dropout < 1)) {
            throw new IllegalArgumentException("LoRA needs r >= 1, alpha > 0 and dropout in [0, 1), got r " + r
                    + ", alpha " + alpha + ", dropout " + dropout);
        }
    }

    /** PALO 7B/13B: r 128, alpha 256, dropout 0.05. */
    public static LoraSettings paper() {
        return new LoraSettings(128, 256, 0.05f);
    }

    /**
     * The {@code mini} preset's LM is 192 wide, narrower than the paper's rank: r 16 with the paper's
     * alpha/r ratio of 2 and its dropout.
     */
    public static LoraSettings mini() {
        return new LoraSettings(16, 32, 0.05f);
    }
}
