package dev.palo.activities.llm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.failsafe.Bulkhead;
import dev.failsafe.Failsafe;
import dev.failsafe.FailsafeException;
import dev.failsafe.RateLimiter;
import dev.failsafe.RetryPolicy;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.util.List;

/**
 * Chat completions on any OpenAI-compatible server (OpenAI, vLLM, Ollama…). Thread-safe: callers
 * may share one client; it bounds requests in flight, paces requests and tokens per minute, and
 * retries 429/5xx/I-O failures with exponential backoff and jitter, waiting at least what a
 * {@code Retry-After} header asks.
 */
public final class OpenAiChatClient {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Rough token estimate for rate limiting; providers count ~4 characters per token in English. */
    private static final int CHARS_PER_TOKEN = 4;
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(90);
    /** Spread of retry delays (±25%) so that parallel clients do not retry in lockstep. */
    private static final double JITTER = 0.25;
    /** Failsafe falls back to the exponential backoff when the delay function returns a negative delay. */
    private static final Duration USE_BACKOFF = Duration.ofNanos(-1);

    private final ChatEndpoint endpoint;
    private final URI completionsUri;
    private final HttpClient http;
    private final Bulkhead<Object> inFlight;
    private final RateLimiter<Object> requests;
    private final RateLimiter<Object> tokens;
    private final RetryPolicy<HttpResponse<String>> retries;

    public OpenAiChatClient(ChatEndpoint endpoint, Duration initialBackoff, Duration maxBackoff) {
        this.endpoint = endpoint;
        this.completionsUri = URI.create(endpoint.baseUrl().replaceFirst("/+$", "") + "/chat/completions");
        this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
        this.inFlight = Bulkhead.of(endpoint.concurrency());
        this.requests = RateLimiter.smoothBuilder(endpoint.requestsPerMinute(), Duration.ofMinutes(1)).build();
        this.tokens = RateLimiter.smoothBuilder(endpoint.tokensPerMinute(), Duration.ofMinutes(1)).build();
        this.retries = RetryPolicy.<HttpResponse<String>>builder()
                .handle(IOException.class)
                .handleResultIf(response -> isTransient(response.statusCode()))
                .withMaxAttempts(endpoint.maxAttempts())
                .withBackoff(initialBackoff, maxBackoff)
                .withJitter(JITTER)
                .withDelayFn(context -> context.getLastResult() == null ? USE_BACKOFF : retryAfter(context.getLastResult()))
                .build();
    }

    /** Sends the messages and returns the first choice's text. */
    public String complete(List<ChatMessage> messages, int maxTokens) {
        String body = requestBody(messages, maxTokens);
        int tokenCost = body.length() / CHARS_PER_TOKEN + maxTokens;
        HttpResponse<String> response;
        try {
            response = Failsafe.with(retries).get(() -> send(body, tokenCost));
        } catch (FailsafeException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            throw new ChatException(endpoint + ": request failed after " + endpoint.maxAttempts()
                    + " attempt(s): " + cause, -1);
        }
        if (response.statusCode() / 100 != 2) {
            throw new ChatException(endpoint + " answered HTTP " + response.statusCode() + ": "
                    + abbreviate(response.body()), response.statusCode());
        }
        return firstChoice(response.body());
    }

    private HttpResponse<String> send(String body, int tokenCost) throws IOException, InterruptedException {
        requests.acquirePermit();
        tokens.acquirePermits(tokenCost);
        inFlight.acquirePermit();
        try {
            HttpRequest.Builder request = HttpRequest.newBuilder(completionsUri)
                    .timeout(REQUEST_TIMEOUT)
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(body));
            if (endpoint.apiKey() != null) {
                request.header("Authorization", "Bearer " + endpoint.apiKey());
            }
            return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } finally {
            inFlight.releasePermit();
        }
    }

    private String requestBody(List<ChatMessage> messages, int maxTokens) {
        ObjectNode body = JSON.createObjectNode()
                .put("model", endpoint.model())
                .put("temperature", 0)
                .put("max_tokens", maxTokens);
        body.set("messages", JSON.valueToTree(messages));
        try {
            return JSON.writeValueAsString(body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private String firstChoice(String body) {
        try {
            JsonNode content = JSON.readTree(body).path("choices").path(0).path("message").path("content");
            if (!content.isTextual()) {
                throw new ChatException(endpoint + " answered without choices[0].message.content: "
                        + abbreviate(body), 200);
            }
            return content.asText();
        } catch (IOException e) {
            throw new ChatException(endpoint + " answered invalid JSON: " + abbreviate(body), 200);
        }
    }

    /**
     * The server's Retry-After, stretched so that jitter (applied after this) never shortens it;
     * without the header the exponential backoff decides.
     */
    private static Duration retryAfter(HttpResponse<String> response) {
        return RetryAfter.parse(response.headers().firstValue("Retry-After").orElse(null), ZonedDateTime.now())
                .map(wait -> Duration.ofNanos((long) (wait.toNanos() / (1 - JITTER))))
                .orElse(USE_BACKOFF);
    }

    private static boolean isTransient(int status) {
        return status == 429 || status == 408 || status >= 500;
    }

    private static String abbreviate(String text) {
        return text.length() <= 300 ? text : text.substring(0, 300) + "…";
    }
}
