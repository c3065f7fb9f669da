package dev.palo.workflows.training;

/**
 * LoRA adapters of the fine-tune stage, with PEFT's meaning; part of the stage's cache key.
 *
 * @param r       adapter rank
 * @param alpha   scaling numerator (the update is alpha / r × B·A)
 * @param dropout dropout on the adapter input
 */
public record LoraSettings(int r, float alpha, float dropout) {
    /** The paper's alpha / r: the update's scale does not change with the rank. */
    public static final float ALPHA_PER_RANK = 2;
    /** The paper's adapter dropout. */
    public static final float DROPOUT = 0.05f;
    /** The {@code mini} preset's adapter rank, chosen on the validation bench with the fine-tune's lr. */
    public static final int MINI_RANK = 64;

    public LoraSettings {
        if (r < 1 || !(alpha > 0) || !(dropout >= 0 && dropout < 1)) {
            throw new IllegalArgumentException("LoRA needs r >= 1, alpha > 0 and dropout in [0, 1), got r " + r
                    + ", alpha " + alpha + ", dropout " + dropout);
        }
    }

    /** PALO 7B/13B: r 128, alpha 256, dropout 0.05. */
    public static LoraSettings paper() {
        return ofRank(128);
    }

    /**
     * The {@code mini} preset: r {@value #MINI_RANK} with the paper's alpha/r ratio of 2 and its dropout. Its LM is
     * 192 wide, so this is a third of the width, where the paper's 128 is 3 % of LLaMA's 4,096: on PALO-mini's
     * validation bench rank 64 (at a quarter of rank 16's lr, the same lr × rank) beat rank 16 by 5 content points
     * (docs/experiment.md, "The LoRA rank searched on validation").
     */
    public static LoraSettings mini() {
        return ofRank(MINI_RANK);
    }

    /** Rank {@code r} with the paper's alpha / r ({@link #ALPHA_PER_RANK}) and dropout. */
    public static LoraSettings ofRank(int r) {
        return new LoraSettings(r, ALPHA_PER_RANK * r, DROPOUT);
    }
}
