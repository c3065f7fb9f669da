package dev.palo.services.cli;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import com.fasterxml.jackson.annotation.JsonInclude;
import dev.palo.services.runs.RunDetail;
import dev.palo.services.runs.StartRunRequest;
import dev.palo.services.studies.StartStudyRequest;
import dev.palo.services.studies.StudyView;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * The CLI's side of the REST API: the same request and view records as the services app, sent as JSON with the
 * CLI's bearer token. A refusal becomes a {@link Refused} carrying the API's own message.
 */
final class ApiClient {
    static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .setSerializationInclusion(JsonInclude.Include.NON_NULL);
    private static final Duration TIMEOUT = Duration.ofMinutes(5);

    /** How long a read waits for an app that stopped answering: a restart (./palo up, a redeploy) takes a minute. */
    static final Duration RESTART_PATIENCE = Duration.ofMinutes(5);
    private static final Duration RECONNECT_EVERY = Duration.ofSeconds(5);

    private final String base;
    private final String token;
    private final Duration restartPatience;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    ApiClient(String base, String token) {
        this(base, token, RESTART_PATIENCE);
    }

    ApiClient(String base, String token, Duration restartPatience) {
        this.base = base;
        this.token = token;
        this.restartPatience = restartPatience;
    }

    /** The API's answer to a request it refused: its status and message. */
    static final class Refused extends IOException {
        Refused(int status, String body) {
            super(message(status, body));
        }

        private static String message(int status, String body) {
            try {
                JsonNode error = JSON.readTree(body); // the API's ApiError
                if (error.hasNonNull("error")) {
                    return error.get("error").asText() + " (HTTP " + status + ")";
                }
            } catch (IOException notJson) {
                // the body as it came
            }
            return "HTTP " + status + (body.isBlank() ? "" : ": " + body.strip());
        }
    }

    /** Uploads a local LLaVA JSON file; the store URI of the dataset. */
    String upload(Path file) throws IOException, InterruptedException {
        String name = URLEncoder.encode(file.getFileName().toString(), StandardCharsets.UTF_8);
        JsonNode stored = JSON.readTree(send(request("/api/datasets?name=" + name)
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofFile(file)), 200));
        return stored.path("uri").asText();
    }

    /** Starts a run; its id. */
    String start(StartRunRequest run) throws IOException, InterruptedException {
        return created("/api/runs", run);
    }

    RunDetail run(String id) throws IOException, InterruptedException {
        return view("/api/runs/" + id, RunDetail.class);
    }

    /** A completed run's Table 1 as Markdown. */
    String report(String id) throws IOException, InterruptedException {
        return markdown("/api/runs/" + id + "/report");
    }

    /** Starts a study; its id. */
    String startStudy(StartStudyRequest study) throws IOException, InterruptedException {
        return created("/api/studies", study);
    }

    StudyView study(String id) throws IOException, InterruptedException {
        return view("/api/studies/" + id, StudyView.class);
    }

    /** A completed study's tables as Markdown. */
    String studyReport(String id) throws IOException, InterruptedException {
        return markdown("/api/studies/" + id + "/report");
    }

    /** POSTs {@code body} as JSON, expecting 201; the created resource's id. */
    private String created(String path, Object body) throws IOException, InterruptedException {
        JsonNode started = JSON.readTree(send(request(path).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(body))), 201));
        return started.path("id").asText();
    }

    private <T> T view(String path, Class<T> type) throws IOException, InterruptedException {
        return JSON.readValue(read(request(path).header("Accept", "application/json").GET()), type);
    }

    private String markdown(String path) throws IOException, InterruptedException {
        return read(request(path).header("Accept", "text/markdown").GET());
    }

    /**
     * A GET, sent again while the app does not answer, for up to {@link #RESTART_PATIENCE}: a run or study goes on in
     * Temporal while the app restarts, so a watching CLI waits for it rather than leaving the user without the tables.
     * Only reads: a start is never sent twice.
     */
    private String read(HttpRequest.Builder request) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + restartPatience.toNanos();
        boolean said = false;
        while (true) {
            try {
                String body = send(request, 200);
                if (said) {
                    System.err.println("palo: the services app answers again");
                }
                return body;
            } catch (java.net.ConnectException e) {
                if (System.nanoTime() >= deadline) {
                    throw e;
                }
                if (!said) {
                    System.err.println("palo: the services app at " + base + " does not answer (" + e
                            + "); asking again every " + RECONNECT_EVERY.toSeconds() + " s for up to "
                            + restartPatience.toMinutes() + " min");
                    said = true;
                }
                Thread.sleep(RECONNECT_EVERY.toMillis());
            }
        }
    }

    static String readToken(Path file) throws IOException {
        return Files.readString(file).strip();
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create(base + path)).timeout(TIMEOUT)
                .header("Authorization", "Bearer " + token);
    }

    private String send(HttpRequest.Builder request, int expected) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != expected) {
            throw new Refused(response.statusCode(), response.body());
        }
        return response.body();
    }
}
