package dev.palo.model.conversation;

import java.util.Objects;

/** One LLaVA conversation entry: {@code from} is "human" or "gpt", {@code value} the text (may hold {@code <image>}). */
public record ConversationTurn(String from, String value) {
    public static final String HUMAN = "human";
    public static final String GPT = "gpt";

    public ConversationTurn {
        Objects.requireNonNull(value, "conversation turn value");
        if (!HUMAN.equals(from) && !GPT.equals(from)) {
            throw new IllegalArgumentException("conversation turn 'from' must be \"human\" or \"gpt\", got: " + from);
        }
    }

    public static ConversationTurn human(String value) {
        return new ConversationTurn(HUMAN, value);
    }

    public static ConversationTurn gpt(String value) {
        return new ConversationTurn(GPT, value);
    }
}
