package dev.palo.model.conversation;

import dev.palo.model.tokenizer.TextTokenizer;

import java.util.List;

/** Turns a LLaVA conversation into input ids and a label mask, as one of LLaVA's preprocess functions. */
public interface ConversationTemplate {

    String name();

    /** Input ids and labels, truncated to {@code modelMaxLength} with labels kept aligned. */
    TokenizedConversation tokenize(List<ConversationTurn> turns, TextTokenizer tokenizer, int modelMaxLength);

    /** The prompt text for generating the next assistant reply after {@code turns} (which end with a human turn). */
    String generationPrompt(List<ConversationTurn> turns);

    /** Text every conversation rendered with this template carries, whatever its turns (system prompt, role names). */
    String fixedText();
}
