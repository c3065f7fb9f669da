package dev.palo.workflows.evaluate;

import java.util.List;
import java.util.Locale;

/**
 * Which scorer reviews the answers: the primary one, whose figures Table 1 shows. All write LLaVA review files and
 * are summarised alike; the offline scorers that are not primary are reported beside it.
 *
 * @param kind              {@code content}: offline, the facts the answer states checked against the PALO-mini
 *                          scene, in any language; {@code judge}: an LLM on an OpenAI-compatible endpoint with
 *                          LLaVA's prompt; {@code reference}: offline, chrF against the gold answer
 * @param baseUrl           judge endpoint base, e.g. {@code https://api.openai.com/v1} (judge only)
 * @param model             judge model name (judge only)
 * @param apiKeySecret      NAME of the env variable or secret file holding the key; null for none
 * @param concurrency       judge requests in flight at once
 * @param requestsPerMinute judge request rate limit
 * @param maxTokens         judge completion budget (LLaVA: 1024)
 */
public record ScorerConfig(String kind, String baseUrl, String model, String apiKeySecret, int concurrency,
                           int requestsPerMinute, int maxTokens) {
    public static final String JUDGE = "judge";
    public static final String REFERENCE = "reference";
    public static final String CONTENT = "content";
    /** The scorers that need nothing but the bench, in the order reports list them. */
    public static final List<String> OFFLINE = List.of(CONTENT, REFERENCE);

    public ScorerConfig {
        kind = kind == null ? null : kind.toLowerCase(Locale.ROOT);
        if (!JUDGE.equals(kind) && !OFFLINE.contains(kind)) {
            throw new IllegalArgumentException("scorer kind must be '" + CONTENT + "', '" + REFERENCE + "' or '" + JUDGE
                    + "', got " + kind);
        }
        if (JUDGE.equals(kind)) {
            requireJudgeSettings(baseUrl, model, concurrency, requestsPerMinute, maxTokens);
        }
    }

    private static void requireJudgeSettings(String baseUrl, String model, int concurrency, int requestsPerMinute,
                                             int maxTokens) {
        if (baseUrl == null || !(baseUrl.startsWith("http://") || baseUrl.startsWith("https://"))) {
            throw new IllegalArgumentException("judge baseUrl must be an http(s) URL, got " + baseUrl);
        }
        if (model == null || model.isBlank()) {
            throw new IllegalArgumentException("judge model must be named");
        }
        if (concurrency <= 0 || requestsPerMinute <= 0 || maxTokens <= 0) {
            throw new IllegalArgumentException("judge concurrency, requestsPerMinute and maxTokens must be > 0, got "
                    + concurrency + ", " + requestsPerMinute + ", " + maxTokens);
        }
    }

    /** The offline chrF scorer: nothing to configure. */
    public static ScorerConfig reference() {
        return new ScorerConfig(REFERENCE, null, null, null, 0, 0, 0);
    }

    /** The offline content scorer (PALO-mini benches only): nothing to configure. */
    public static ScorerConfig content() {
        return new ScorerConfig(CONTENT, null, null, null, 0, 0, 0);
    }

    /** An LLM judge with LLaVA's completion budget. */
    public static ScorerConfig judge(String baseUrl, String model, String apiKeySecret, int concurrency,
                                     int requestsPerMinute) {
        return new ScorerConfig(JUDGE, baseUrl, model, apiKeySecret, concurrency, requestsPerMinute, 1024);
    }

    public boolean usesJudge() {
        return JUDGE.equals(kind);
    }
}
