package dev.palo.activities.llm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.failsafe.Bulkhead;
import dev.failsafe.Failsafe;
import dev.failsafe.FailsafeException;
import dev.failsafe.RateLimiter;
import dev.failsafe.RetryPolicy;
import dev.failsafe.RetryPolicyBuilder;
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
 * retries every transient answer — 408, 429, 5xx, connection errors and timeouts, and 200s whose
 * body is not a completion (invalid or truncated JSON, no choices) — with exponential backoff and
 * jitter, waiting at least what a {@code Retry-After} header asks. Redirects are never followed
 * (the JDK client's default), so a key goes only to the endpoint it was resolved for.
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
    private final Duration initialBackoff;
    private final Duration maxBackoff;

    public OpenAiChatClient(ChatEndpoint endpoint, Duration initialBackoff, Duration maxBackoff) {
        this.endpoint = endpoint;
        this.completionsUri = URI.create(endpoint.baseUrl().replaceFirst("/+$", "") + "/chat/completions");
        // HTTP/1.1: the default HTTP/2 tries an h2c upgrade on every new plain-http connection, which
        // OpenAI-compatible servers (uvicorn, vLLM) refuse; one request per connection at a time is what they serve.
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(10)).build();
        this.inFlight = Bulkhead.of(endpoint.concurrency());
        this.requests = RateLimiter.smoothBuilder(endpoint.requestsPerMinute(), Duration.ofMinutes(1)).build();
        this.tokens = RateLimiter.smoothBuilder(endpoint.tokensPerMinute(), Duration.ofMinutes(1)).build();
        this.initialBackoff = initialBackoff;
        this.maxBackoff = maxBackoff;
    }

    /** Sends the messages and returns the first choice's text; each request retries up to maxAttempts times. */
    public String complete(List<ChatMessage> messages, int maxTokens) {
        return complete(messages, maxTokens, null);
    }

    /**
     * As {@link #complete(List, int)}, but retries are drawn from {@code budget}, shared with other
     * requests: this request retries transient answers until it succeeds or the budget is spent.
     */
    public String complete(List<ChatMessage> messages, int maxTokens, RetryBudget budget) {
        String body = requestBody(messages, maxTokens);
        int tokenCost = body.length() / CHARS_PER_TOKEN + maxTokens;
        try {
            return Failsafe.with(retryPolicy(budget)).get(() -> attempt(body, tokenCost));
        } catch (TransientAnswerException | FailsafeException e) {
            Throwable cause = e instanceof FailsafeException && e.getCause() != null ? e.getCause() : e;
            String limit = budget == null ? "after " + endpoint.maxAttempts() + " attempt(s)"
                    : "with its chunk's retry budget spent (" + budget.total() + " retries)";
            throw new ChatException(endpoint + ": request failed " + limit + ": " + cause.getMessage(), -1);
        }
    }

    private RetryPolicy<String> retryPolicy(RetryBudget budget) {
        RetryPolicyBuilder<String> policy = RetryPolicy.<String>builder()
                .handle(IOException.class, TransientAnswerException.class)
                .withBackoff(initialBackoff, maxBackoff)
                .withJitter(JITTER)
                .withDelayFnOn(context -> retryAfter(context.getLastException()), TransientAnswerException.class);
        if (budget == null) {
            return policy.withMaxAttempts(endpoint.maxAttempts()).build();
        }
        return policy.withMaxRetries(-1)
                .abortOn(failure -> isTransient(failure) && !budget.tryTake())
                .build();
    }

    /** One request: the completion, or the failure that says whether to ask again. */
    private String attempt(String body, int tokenCost) throws IOException, InterruptedException {
        HttpResponse<String> response = send(body, tokenCost);
        int status = response.statusCode();
        if (status == 429 || status == 408 || status >= 500) {
            throw new TransientAnswerException(endpoint + " answered HTTP " + status + ": "
                    + abbreviate(response.body()), status,
                    RetryAfter.parse(response.headers().firstValue("Retry-After").orElse(null), ZonedDateTime.now())
                            .orElse(null));
        }
        if (status / 100 != 2) {
            throw new ChatException(endpoint + " answered HTTP " + status + ": " + abbreviate(response.body()), status);
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

    /** A 200 that is not a completion is a transient answer: proxies and overloaded servers cut bodies short. */
    private String firstChoice(String body) {
        JsonNode content;
        try {
            content = JSON.readTree(body).path("choices").path(0).path("message").path("content");
        } catch (IOException e) {
            throw new TransientAnswerException(endpoint + " answered invalid JSON: " + abbreviate(body), 200, null);
        }
        if (!content.isTextual()) {
            throw new TransientAnswerException(endpoint + " answered without choices[0].message.content: "
                    + abbreviate(body), 200, null);
        }
        return content.asText();
    }

    /**
     * The server's Retry-After, stretched so that jitter (applied after this) never shortens it;
     * without the header the exponential backoff decides.
     */
    private static Duration retryAfter(Throwable failure) {
        return failure instanceof TransientAnswerException answer && answer.retryAfter() != null
                ? Duration.ofNanos((long) (answer.retryAfter().toNanos() / (1 - JITTER)))
                : USE_BACKOFF;
    }

    private static boolean isTransient(Throwable failure) {
        return failure instanceof IOException || failure instanceof TransientAnswerException;
    }

    private static String abbreviate(String text) {
        return text.length() <= 300 ? text : text.substring(0, 300) + "…";
    }
}
