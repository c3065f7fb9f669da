package dev.palo.activities.translation.translate;

import dev.palo.activities.llm.ApiKeys;
import dev.palo.activities.llm.ChatEndpoint;
import dev.palo.activities.llm.OpenAiChatClient;
import dev.palo.workflows.translation.translate.TranslateConfig;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One chat client per endpoint configuration on this worker, so that every language translating
 * through the same endpoint shares its rate limits and concurrency bound.
 */
public final class ChatClients {
    private final Map<TranslateConfig, OpenAiChatClient> clients = new ConcurrentHashMap<>();
    private final ApiKeys apiKeys;
    private final Duration initialBackoff;
    private final Duration maxBackoff;

    /** Backoff bounds apply to 429/5xx retries of every client made here. */
    public ChatClients(ApiKeys apiKeys, Duration initialBackoff, Duration maxBackoff) {
        this.apiKeys = apiKeys;
        this.initialBackoff = initialBackoff;
        this.maxBackoff = maxBackoff;
    }

    OpenAiChatClient forConfig(TranslateConfig config) {
        return clients.computeIfAbsent(config, this::create);
    }

    private OpenAiChatClient create(TranslateConfig config) {
        // the binding is checked again here, right before a key could leave the worker
        String apiKey = apiKeys.require(config.apiKeySecret(), config.baseUrl(), "translate API key");
        return new OpenAiChatClient(new ChatEndpoint(config.baseUrl(), config.model(), apiKey, config.concurrency(),
                config.requestsPerMinute(), config.tokensPerMinute(), config.maxAttempts()), initialBackoff, maxBackoff);
    }
}
