package dev.palo.activities.tracking;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.mlflow.api.proto.ModelRegistry.ModelVersion;
import org.mlflow.api.proto.ModelRegistry.ModelVersionTag;
import org.mlflow.tracking.MlflowClient;
import org.mlflow.tracking.MlflowClientException;
import org.mlflow.tracking.MlflowHttpException;

/**
 * {@link ModelRegistry} on MLflow's model registry. Lookups go through the Java client; creation through its raw
 * POST, because the client has no create calls for registered models and versions.
 */
public final class MlflowModelRegistry implements ModelRegistry {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int SEARCH_PAGE = 1000;

    private final String trackingUri;
    private final MlflowClient client;

    public MlflowModelRegistry(String trackingUri) {
        this.trackingUri = trackingUri.replaceFirst("/+$", "");
        this.client = new MlflowClient(this.trackingUri);
    }

    @Override
    public RegisteredVersion register(String name, String source, String runId, Map<String, String> tags)
            throws IOException {
        createNameIfMissing(name);
        ObjectNode request = JSON.createObjectNode().put("name", name).put("source", source);
        if (runId != null) {
            request.put("run_id", runId);
        }
        ArrayNode tagList = request.putArray("tags");
        tags.forEach((k, v) -> tagList.addObject().put("key", k).put("value", v));
        String response = call("register a version of " + name, () ->
                client.sendPost("model-versions/create", JSON.writeValueAsString(request)));
        String version = JSON.readTree(response).path("model_version").path("version").asText();
        return new RegisteredVersion(name, version, source, tags);
    }

    @Override
    public Optional<RegisteredVersion> find(String name, String tagKey, String tagValue) throws IOException {
        String filter = "name = '" + quoted(name) + "' and tags.`" + tagKey + "` = '" + quoted(tagValue) + "'";
        List<ModelVersion> versions = call("search versions of " + name,
                () -> client.searchModelVersions(filter, SEARCH_PAGE, List.of()).getItems());
        return versions.stream()
                .max(Comparator.comparingLong(v -> Long.parseLong(v.getVersion())))
                .map(v -> new RegisteredVersion(v.getName(), v.getVersion(), v.getSource(), v.getTagsList().stream()
                        .collect(Collectors.toMap(ModelVersionTag::getKey, ModelVersionTag::getValue))));
    }

    /**
     * Searches before creating: the Java client retries every 4xx with backoff, so an "already exists" answer
     * would cost seconds on each registration.
     */
    private void createNameIfMissing(String name) throws IOException {
        String search = "registered-models/search?filter=" + URLEncoder.encode("name = '" + quoted(name) + "'",
                StandardCharsets.UTF_8);
        if (JSON.readTree(call("search registered model " + name, () -> client.sendGet(search)))
                .path("registered_models").size() > 0) {
            return;
        }
        try {
            client.sendPost("registered-models/create", JSON.writeValueAsString(
                    JSON.createObjectNode().put("name", name)));
        } catch (MlflowClientException e) {
            // another worker registered the name between search and create
            String body = e instanceof MlflowHttpException http ? http.getBodyMessage() : e.getMessage();
            if (body == null || !body.contains("RESOURCE_ALREADY_EXISTS")) {
                throw new IOException("MLflow at " + trackingUri + ": cannot create registered model " + name
                        + ": " + e.getMessage(), e);
            }
        }
    }

    private static String quoted(String value) {
        if (value.contains("'")) {
            throw new IllegalArgumentException("registry names and tag values cannot contain quotes: " + value);
        }
        return value;
    }

    private <T> T call(String action, RegistryCall<T> call) throws IOException {
        try {
            return call.run();
        } catch (MlflowClientException e) {
            throw new IOException("MLflow at " + trackingUri + ": cannot " + action + ": " + e.getMessage(), e);
        }
    }

    @FunctionalInterface
    private interface RegistryCall<T> {
        T run() throws IOException;
    }
}
