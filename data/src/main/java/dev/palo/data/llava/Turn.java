package dev.palo.data.llava;

import java.util.Objects;

/** One message of a LLaVA conversation: who speaks ({@code human} or {@code gpt}) and what they say. */
public record Turn(String from, String value) {

    public static final String HUMAN = "human";
    public static final String GPT = "gpt";
    /** The placeholder LLaVA replaces with the image's visual tokens. */
    public static final String IMAGE_TOKEN = "<image>";

    public Turn {
        Objects.requireNonNull(from, "turn 'from' is null");
        Objects.requireNonNull(value, "turn 'value' is null");
    }

    public static Turn human(String value) {
        return new Turn(HUMAN, value);
    }

    public static Turn gpt(String value) {
        return new Turn(GPT, value);
    }

    public boolean isGpt() {
        return GPT.equals(from);
    }
}
