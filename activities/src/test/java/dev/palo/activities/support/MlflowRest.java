package dev.palo.activities.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** Reads what a test logged straight from MLflow's REST API, independently of our tracker. */
public final class MlflowRest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final String baseUri;
    private final HttpClient http = HttpClient.newHttpClient();

    public MlflowRest(String baseUri) {
        this.baseUri = baseUri;
    }

    public String experimentId(String name) throws Exception {
        return get("/api/2.0/mlflow/experiments/get-by-name?experiment_name=" + encode(name))
                .path("experiment").path("experiment_id").asText();
    }

    /** Runs matching an MLflow filter string, each as its JSON {@code {info, data}}. */
    public List<JsonNode> searchRuns(String experimentId, String filter) throws Exception {
        String body = JSON.createObjectNode().put("filter", filter).put("max_results", 100)
                .set("experiment_ids", JSON.createArrayNode().add(experimentId)).toString();
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(baseUri + "/api/2.0/mlflow/runs/search"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        check(response);
        List<JsonNode> runs = new ArrayList<>();
        JSON.readTree(response.body()).path("runs").forEach(runs::add);
        return runs;
    }

    public JsonNode metricHistory(String runId, String key) throws Exception {
        return get("/api/2.0/mlflow/metrics/get-history?run_id=" + encode(runId) + "&metric_key=" + encode(key))
                .path("metrics");
    }

    public List<String> artifactPaths(String runId, String folder) throws Exception {
        List<String> paths = new ArrayList<>();
        get("/api/2.0/mlflow/artifacts/list?run_id=" + encode(runId) + "&path=" + encode(folder))
                .path("files").forEach(file -> paths.add(file.path("path").asText()));
        return paths;
    }

    /** A registered model with its latest versions, as {@code registered-models/get} answers. */
    public JsonNode registeredModel(String name) throws Exception {
        return get("/api/2.0/mlflow/registered-models/get?name=" + encode(name)).path("registered_model");
    }

    /** A model version's JSON ({@code name, version, source, tags…}). */
    public JsonNode modelVersion(String name, String version) throws Exception {
        return get("/api/2.0/mlflow/model-versions/get?name=" + encode(name) + "&version=" + encode(version))
                .path("model_version");
    }

    public static String tag(JsonNode run, String key) {
        for (JsonNode tag : run.path("data").path("tags")) {
            if (tag.path("key").asText().equals(key)) {
                return tag.path("value").asText();
            }
        }
        return null;
    }

    public static Double metric(JsonNode run, String key) {
        for (JsonNode metric : run.path("data").path("metrics")) {
            if (metric.path("key").asText().equals(key)) {
                return metric.path("value").asDouble();
            }
        }
        return null;
    }

    private JsonNode get(String path) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(baseUri + path)).build(),
                HttpResponse.BodyHandlers.ofString());
        check(response);
        return JSON.readTree(response.body());
    }

    private static void check(HttpResponse<String> response) throws IOException {
        if (response.statusCode() != 200) {
            throw new IOException(response.uri() + " answered " + response.statusCode() + ": " + response.body());
        }
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
