package dev.palo.workflows.translation.translate;

import dev.palo.workflows.ActivityPolicies;
import java.time.Duration;

/**
 * How the translate stage talks to an OpenAI-compatible chat endpoint. Part of the stage's cache
 * key, so it holds no secret: only the NAME of the env variable or secret file with the API key.
 *
 * @param baseUrl           endpoint base, e.g. {@code https://api.openai.com/v1}; null (with {@code model})
 *                          when only local translators run
 * @param model             model name sent in each request
 * @param apiKeySecret      name of a secret on the operator's allow-list, bound to {@code baseUrl}'s origin
 *                          (its value: {@code PALO_SECRET_<name>} or a file in the secrets folder); null for
 *                          endpoints without authentication
 * <p>The limits may be left out of a request (0): each then takes its default below, stated here once for the API,
 * the dashboard's form and {@code palo run}.
 *
 * @param chunkSize         samples per committed chunk; a crash redoes at most the chunks in flight (two)
 * @param concurrency       requests in flight at once
 * @param requestsPerMinute request rate limit
 * @param tokensPerMinute   token rate limit (prompt estimate + max completion tokens)
 * @param maxAttempts       retries a chunk may spend besides one for every other request it sends; each
 *                          request retries transient answers (429, 5xx, bad JSON, I/O) until that is spent
 * @param heartbeatTimeout  how long the stage may go without a heartbeat before Temporal retries it
 *                          on another worker (resuming at the last committed chunk); null means
 *                          {@link ActivityPolicies#LONG_STAGE_HEARTBEAT_TIMEOUT}
 */
public record TranslateConfig(String baseUrl, String model, String apiKeySecret, int chunkSize,
                              int concurrency, int requestsPerMinute, int tokensPerMinute,
                              int maxAttempts, Duration heartbeatTimeout) {
    public static final int DEFAULT_CHUNK_SIZE = 16;
    public static final int DEFAULT_CONCURRENCY = 4;
    public static final int DEFAULT_REQUESTS_PER_MINUTE = 600;
    public static final int DEFAULT_TOKENS_PER_MINUTE = 200_000;
    public static final int DEFAULT_MAX_ATTEMPTS = 5;
    /** Records per chunk of a local translator: one batched generation call each. */
    private static final int LOCAL_CHUNK_SIZE = 50;
    /** Below this, ordinary pauses (a GC, a slow request) would count as a dead worker. */
    private static final Duration MIN_HEARTBEAT_TIMEOUT = Duration.ofSeconds(1);

    public TranslateConfig {
        if (baseUrl != null || model != null) {
            if (baseUrl == null || !(baseUrl.startsWith("http://") || baseUrl.startsWith("https://"))) {
                throw new IllegalArgumentException("translate baseUrl must be an http(s) URL, got " + baseUrl);
            }
            if (model == null || model.isBlank()) {
                throw new IllegalArgumentException("translate model must be named");
            }
        }
        chunkSize = chunkSize == 0 ? DEFAULT_CHUNK_SIZE : chunkSize;
        concurrency = concurrency == 0 ? DEFAULT_CONCURRENCY : concurrency;
        requestsPerMinute = requestsPerMinute == 0 ? DEFAULT_REQUESTS_PER_MINUTE : requestsPerMinute;
        tokensPerMinute = tokensPerMinute == 0 ? DEFAULT_TOKENS_PER_MINUTE : tokensPerMinute;
        maxAttempts = maxAttempts == 0 ? DEFAULT_MAX_ATTEMPTS : maxAttempts;
        requirePositive("chunkSize", chunkSize);
        requirePositive("concurrency", concurrency);
        requirePositive("requestsPerMinute", requestsPerMinute);
        requirePositive("tokensPerMinute", tokensPerMinute);
        requirePositive("maxAttempts", maxAttempts);
        if (heartbeatTimeout == null) {
            heartbeatTimeout = ActivityPolicies.LONG_STAGE_HEARTBEAT_TIMEOUT;
        }
        if (heartbeatTimeout.compareTo(MIN_HEARTBEAT_TIMEOUT) < 0) {
            throw new IllegalArgumentException("translate heartbeatTimeout must be at least "
                    + MIN_HEARTBEAT_TIMEOUT + ", got " + heartbeatTimeout);
        }
    }

    /**
     * A chat endpoint's settings by name rather than by position: every limit left unset takes its default above,
     * no key unless {@link Builder#apiKeySecret} names one.
     */
    public static Builder endpoint(String baseUrl, String model) {
        return new Builder(baseUrl, model);
    }

    /** A builder holding these settings, to change some of them by name. */
    public Builder toBuilder() {
        return new Builder(baseUrl, model).apiKeySecret(apiKeySecret).chunkSize(chunkSize).concurrency(concurrency)
                .rateLimits(requestsPerMinute, tokensPerMinute).maxAttempts(maxAttempts)
                .heartbeatTimeout(heartbeatTimeout);
    }

    /**
     * Chunking and heartbeat settings for runs whose translators are all local models: no chat endpoint, so
     * naming a chat model in such a run is an error.
     */
    public static TranslateConfig localOnly() {
        return new TranslateConfig(null, null, null, LOCAL_CHUNK_SIZE, 1, 1, 1, 1, null);
    }

    /** True when a chat endpoint is configured. */
    public boolean hasEndpoint() {
        return baseUrl != null;
    }

    /** The same endpoint and limits for another chat model (e.g. one the fine-tuning API produced). */
    public TranslateConfig withModel(String otherModel) {
        return new TranslateConfig(baseUrl, otherModel, apiKeySecret, chunkSize, concurrency, requestsPerMinute,
                tokensPerMinute, maxAttempts, heartbeatTimeout);
    }

    /**
     * Named fields for {@link TranslateConfig}; a field left unset (0, null) takes the record's default, and
     * {@link #build()} checks them as the constructor does.
     */
    public static final class Builder {
        private final String baseUrl;
        private final String model;
        private String apiKeySecret;
        private int chunkSize;
        private int concurrency;
        private int requestsPerMinute;
        private int tokensPerMinute;
        private int maxAttempts;
        private Duration heartbeatTimeout;

        private Builder(String baseUrl, String model) {
            this.baseUrl = baseUrl;
            this.model = model;
        }

        /** The allow-listed secret whose value is the endpoint's key; null for an endpoint without one. */
        public Builder apiKeySecret(String name) { apiKeySecret = name; return this; }

        public Builder chunkSize(int samples) { chunkSize = samples; return this; }

        public Builder concurrency(int requests) { concurrency = requests; return this; }

        /** Requests and tokens per minute the stage may send. */
        public Builder rateLimits(int requests, int tokens) {
            requestsPerMinute = requests;
            tokensPerMinute = tokens;
            return this;
        }

        public Builder maxAttempts(int attempts) { maxAttempts = attempts; return this; }

        public Builder heartbeatTimeout(Duration timeout) { heartbeatTimeout = timeout; return this; }

        public TranslateConfig build() {
            return new TranslateConfig(baseUrl, model, apiKeySecret, chunkSize, concurrency, requestsPerMinute,
                    tokensPerMinute, maxAttempts, heartbeatTimeout);
        }
    }

    private static void requirePositive(String name, int value) {
        if (value <= 0) {
            throw new IllegalArgumentException("translate " + name + " must be > 0, got " + value);
        }
    }
}
