package dev.palo.model.lora;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/** LoRA hyper-parameters with PEFT's field names; the adapted modules are fixed by {@link #TARGET_MODULES}. */
public record LoraConfig(
        @JsonProperty("r") int r,
        @JsonProperty("lora_alpha") float loraAlpha,
        @JsonProperty("lora_dropout") float loraDropout) {

    /** Every linear of the LM's decoder layers, never lm_head (LLaVA's find_all_linear_names). */
    public static final List<String> TARGET_MODULES =
            List.of("q_proj", "k_proj", "v_proj", "o_proj", "gate_proj", "up_proj", "down_proj");

    public LoraConfig {
        if (r <= 0) {
            throw new IllegalArgumentException("LoRA r must be positive, got " + r);
        }
        if (!(loraAlpha > 0)) {
            throw new IllegalArgumentException("lora_alpha must be positive, got " + loraAlpha);
        }
        if (!(loraDropout >= 0 && loraDropout < 1)) {
            throw new IllegalArgumentException("lora_dropout must be in [0, 1), got " + loraDropout);
        }
    }

    /** The factor applied to B·A: alpha / r. */
    public float scaling() {
        return loraAlpha / r;
    }
}
