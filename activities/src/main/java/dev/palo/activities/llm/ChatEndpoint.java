package dev.palo.activities.llm;

/**
 * An OpenAI-compatible endpoint with its limits.
 *
 * @param baseUrl           up to and including the version, e.g. {@code https://api.openai.com/v1}
 * @param model             model name
 * @param apiKey            bearer token, or null; kept out of {@link #toString()}
 * @param concurrency       requests in flight at once
 * @param requestsPerMinute request rate
 * @param tokensPerMinute   token rate (prompt estimate + completion budget per request)
 * @param maxAttempts       attempts per request on 429, 5xx and I/O errors
 */
public record ChatEndpoint(String baseUrl, String model, String apiKey, int concurrency, int requestsPerMinute,
                           int tokensPerMinute, int maxAttempts) {
    @Override
    public String toString() {
        return "ChatEndpoint[" + baseUrl + ", model=" + model + "]";
    }
}
