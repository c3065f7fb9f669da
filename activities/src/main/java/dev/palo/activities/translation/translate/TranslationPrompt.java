package dev.palo.activities.translation.translate;

import dev.palo.activities.llm.ChatMessage;
import dev.palo.activities.llm.OpenAiChatClient;
import java.util.List;

/** The chat messages that ask for one piece of text in one language. */
public final class TranslationPrompt {
    /** Bump when the messages or the budget change: cached translations were made with this prompt. */
    static final String VERSION = "1";

    private TranslationPrompt() {
    }

    public static List<ChatMessage> messages(String languageName, String englishText) {
        return List.of(
                ChatMessage.system("You are a professional translator. Translate the user's text from English into "
                        + languageName + ". Keep numbers, names, code and anything inside <...> unchanged. "
                        + "Reply with the translation only."),
                ChatMessage.user(englishText));
    }

    /** Completion budget: room for scripts that need several times more tokens than English. */
    static int maxTokens(String englishText) {
        return Math.min(4096, 64 + englishText.length());
    }

    /** English text to {@code languageName} through the client, with this prompt and budget. */
    static ChatTextTranslator.Chat through(OpenAiChatClient client, String languageName) {
        return (text, retries) -> client.complete(messages(languageName, text), maxTokens(text), retries);
    }
}
