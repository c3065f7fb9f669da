package dev.palo.activities.llm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.failsafe.Failsafe;
import dev.failsafe.FailsafeException;
import dev.failsafe.RetryPolicy;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.util.Optional;
import java.util.UUID;

/**
 * The fine-tuning API of an OpenAI-compatible server: training files ({@code /files}) and jobs
 * ({@code /fine_tuning/jobs}). Retries 429/5xx/I-O failures with backoff, honouring
 * {@code Retry-After}; other errors surface as {@link ChatException} with the server's answer.
 */
public final class OpenAiFineTuningClient {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(90);
    /** Jobs listed per request when looking for one created by an attempt that died before recording it. */
    private static final int LISTED_JOBS = 100;

    private final String baseUrl;
    private final String apiKey;
    private final int maxAttempts;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private final RetryPolicy<HttpResponse<String>> retries;

    /**
     * @param baseUrl up to and including the version, e.g. {@code https://api.openai.com/v1}
     * @param apiKey  bearer token, or null for servers without authentication
     */
    public OpenAiFineTuningClient(String baseUrl, String apiKey, int maxAttempts, Duration initialBackoff,
                                  Duration maxBackoff) {
        this.baseUrl = baseUrl.replaceFirst("/+$", "");
        this.apiKey = apiKey;
        this.maxAttempts = maxAttempts;
        this.retries = RetryPolicy.<HttpResponse<String>>builder()
                .handle(IOException.class)
                .handleResultIf(response -> isTransient(response.statusCode()))
                .withMaxAttempts(maxAttempts)
                .withBackoff(initialBackoff, maxBackoff)
                .withDelayFn(context -> context.getLastResult() == null ? Duration.ofNanos(-1)
                        : RetryAfter.parse(context.getLastResult().headers().firstValue("Retry-After").orElse(null),
                                ZonedDateTime.now()).orElse(Duration.ofNanos(-1)))
                .build();
    }

    /** Uploads a JSONL training file with purpose {@code fine-tune}; returns its file id. */
    public String uploadTrainingFile(String filename, byte[] jsonl) {
        String boundary = "palo-" + UUID.randomUUID();
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        String head = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"purpose\"\r\n\r\nfine-tune\r\n"
                + "--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + filename
                + "\"\r\nContent-Type: application/jsonl\r\n\r\n";
        body.writeBytes(head.getBytes(StandardCharsets.UTF_8));
        body.writeBytes(jsonl);
        body.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        HttpRequest.Builder request = request("/files")
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray()));
        return text(send(request, "upload of " + filename), "id");
    }

    /** The id of an uploaded fine-tune file named {@code filename} of {@code bytes} bytes, if any. */
    public Optional<String> findTrainingFile(String filename, long bytes) {
        JsonNode files = send(request("/files?purpose=" + URLEncoder.encode("fine-tune", StandardCharsets.UTF_8))
                .GET(), "list of files").path("data");
        for (JsonNode file : files) {
            if (filename.equals(file.path("filename").asText()) && file.path("bytes").asLong() == bytes) {
                return Optional.of(file.path("id").asText());
            }
        }
        return Optional.empty();
    }

    /** Creates a supervised fine-tuning job; {@code suffix} becomes part of the tuned model's name. */
    public FineTuningJob createJob(String model, String trainingFileId, int epochs, String suffix) {
        ObjectNode body = JSON.createObjectNode().put("model", model).put("training_file", trainingFileId)
                .put("suffix", suffix);
        body.putObject("hyperparameters").put("n_epochs", epochs);
        HttpRequest.Builder request = request("/fine_tuning/jobs").header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body.toString()));
        return job(send(request, "creation of a fine-tuning job on " + trainingFileId));
    }

    public FineTuningJob job(String jobId) {
        return job(send(request("/fine_tuning/jobs/" + URLEncoder.encode(jobId, StandardCharsets.UTF_8)).GET(),
                "status of fine-tuning job " + jobId));
    }

    /** The newest job training on {@code trainingFileId} among the most recent jobs, if any. */
    public Optional<FineTuningJob> findJob(String trainingFileId) {
        JsonNode jobs = send(request("/fine_tuning/jobs?limit=" + LISTED_JOBS).GET(), "list of fine-tuning jobs")
                .path("data");
        for (JsonNode job : jobs) {
            if (trainingFileId.equals(job.path("training_file").asText())) {
                return Optional.of(job(job));
            }
        }
        return Optional.empty();
    }

    private HttpRequest.Builder request(String path) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + path)).timeout(REQUEST_TIMEOUT);
        if (apiKey != null) {
            request.header("Authorization", "Bearer " + apiKey);
        }
        return request;
    }

    private JsonNode send(HttpRequest.Builder request, String what) {
        HttpRequest built = request.build();
        HttpResponse<String> response;
        try {
            response = Failsafe.with(retries).get(() -> http.send(built, HttpResponse.BodyHandlers.ofString()));
        } catch (FailsafeException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            throw new ChatException(baseUrl + ": " + what + " failed after " + maxAttempts + " attempt(s): " + cause, -1);
        }
        if (response.statusCode() / 100 != 2) {
            throw new ChatException(baseUrl + ": " + what + " answered HTTP " + response.statusCode() + ": "
                    + abbreviate(response.body()), response.statusCode());
        }
        try {
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new ChatException(baseUrl + ": " + what + " answered invalid JSON: " + abbreviate(response.body()),
                    response.statusCode());
        }
    }

    private String text(JsonNode node, String field) {
        JsonNode value = node.path(field);
        if (!value.isTextual() || value.asText().isEmpty()) {
            throw new ChatException(baseUrl + " answered without '" + field + "': " + abbreviate(node.toString()), 200);
        }
        return value.asText();
    }

    private FineTuningJob job(JsonNode node) {
        JsonNode error = node.path("error");
        String message = error.isObject() && error.hasNonNull("message") ? error.path("message").asText() : null;
        return new FineTuningJob(text(node, "id"), text(node, "status"), node.path("training_file").asText(null),
                node.path("fine_tuned_model").asText(null), message, node.path("trained_tokens").asLong(0));
    }

    private static boolean isTransient(int status) {
        return status == 429 || status == 408 || status >= 500;
    }

    private static String abbreviate(String text) {
        return text.length() <= 300 ? text : text.substring(0, 300) + "…";
    }
}
