package dev.palo.workflows.translation.tune;

import java.time.Duration;

/**
 * Fine-tuning through an OpenAI-compatible API ({@code /files}, {@code /fine_tuning/jobs}). Part of
 * the stage's cache key except the poll interval, so it holds only the NAME of the API key's secret.
 *
 * @param baseUrl      endpoint base, e.g. {@code https://api.openai.com/v1}; the tuned model must be
 *                     served where the re-translate stage's translate settings point
 * @param model        the model to fine-tune; null tunes the base translator's model
 * @param apiKeySecret env variable or secret file holding the key; null for endpoints without authentication
 * @param epochs       {@code hyperparameters.n_epochs} of the job
 * @param pollInterval time between job status requests
 */
public record OpenAiTune(String baseUrl, String model, String apiKeySecret, int epochs, Duration pollInterval) {
    public OpenAiTune {
        if (baseUrl == null || !(baseUrl.startsWith("http://") || baseUrl.startsWith("https://"))) {
            throw new IllegalArgumentException("tune openai baseUrl must be an http(s) URL, got " + baseUrl);
        }
        if (epochs < 1) {
            throw new IllegalArgumentException("tune openai epochs must be >= 1, got " + epochs);
        }
        if (pollInterval == null || pollInterval.isNegative() || pollInterval.isZero()) {
            throw new IllegalArgumentException("tune openai pollInterval must be positive, got " + pollInterval);
        }
    }
}
