package dev.palo.activities.tracking;

import java.io.IOException;
import java.net.SocketException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.mlflow.api.proto.Service.CreateRun;
import org.mlflow.api.proto.Service.Metric;
import org.mlflow.api.proto.Service.RunInfo;
import org.mlflow.api.proto.Service.RunStatus;
import org.mlflow.api.proto.Service.RunTag;
import org.mlflow.tracking.MlflowClient;
import org.mlflow.tracking.MlflowClientException;
import org.mlflow.tracking.MlflowHttpException;

/**
 * {@link Tracker} on an MLflow server. Runs, params, metrics and tags go through the MLflow Java
 * client; artifacts through the server's artifact proxy ({@code --serve-artifacts}), because the
 * Java client uploads by shelling out to Python.
 */
public final class MlflowTracker implements Tracker {
    public static final String TRACKING_URI = "PALO_MLFLOW_URI";
    /** Where {@code ./palo up} serves MLflow. */
    public static final String DEFAULT_TRACKING_URI = "http://127.0.0.1:5000";
    /** MLflow's own tag that nests a run under its parent in the UI and the API. */
    static final String PARENT_TAG = "mlflow.parentRunId";
    private static final String PROXY_SCHEME = "mlflow-artifacts:";
    private static final String PROXY_PATH = "/api/2.0/mlflow-artifacts/artifacts/";
    /** The waits before each retry of a call whose connection dropped. */
    static final List<Duration> RETRY_AFTER = List.of(Duration.ofMillis(250), Duration.ofSeconds(1));

    private final String trackingUri;
    private final MlflowClient client;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    public MlflowTracker(String trackingUri) {
        this.trackingUri = trackingUri.replaceFirst("/+$", "");
        this.client = new MlflowClient(this.trackingUri);
    }

    public static MlflowTracker fromEnvironment(Map<String, String> env) {
        return new MlflowTracker(trackingUri(env));
    }

    /** {@code PALO_MLFLOW_URI}, or the local stack's. */
    public static String trackingUri(Map<String, String> env) {
        return env.getOrDefault(TRACKING_URI, DEFAULT_TRACKING_URI);
    }

    @Override
    public String findOrCreateRun(String experiment, String runName, Map<String, String> identity,
                                  String parentRunId) throws IOException {
        return call("find or create run " + runName, () -> {
            String experimentId = experimentId(experiment);
            List<RunInfo> found = client.searchRuns(List.of(experimentId), filter(identity));
            if (!found.isEmpty()) {
                return found.get(0).getRunId();
            }
            CreateRun.Builder request = CreateRun.newBuilder()
                    .setExperimentId(experimentId)
                    .setRunName(runName)
                    .setStartTime(System.currentTimeMillis());
            identity.forEach((k, v) -> request.addTags(RunTag.newBuilder().setKey(k).setValue(v)));
            if (parentRunId != null) {
                request.addTags(RunTag.newBuilder().setKey(PARENT_TAG).setValue(parentRunId));
            }
            return client.createRun(request.build()).getRunId();
        });
    }

    /**
     * Searches rather than gets by name: the Java client retries a 404 with backoff, which would
     * slow down every first run in a new experiment.
     */
    private String experimentId(String experiment) {
        return findExperiment(experiment).orElseGet(() -> {
            try {
                return client.createExperiment(experiment);
            } catch (MlflowHttpException e) {
                // two languages starting at once: the other one created it between search and create
                if (e.getBodyMessage() == null || !e.getBodyMessage().contains("RESOURCE_ALREADY_EXISTS")) {
                    throw e;
                }
                return findExperiment(experiment).orElseThrow(() -> e);
            }
        });
    }

    private Optional<String> findExperiment(String experiment) {
        return client.searchExperiments("name = '" + quoted(experiment) + "'").getItems().stream()
                .findFirst().map(e -> e.getExperimentId());
    }

    @Override
    public void logParams(String runId, Map<String, String> params) throws IOException {
        call("log params", () -> {
            params.forEach((k, v) -> client.logParam(runId, k, v));
            return null;
        });
    }

    @Override
    public void logMetric(String runId, String key, double value, long step) throws IOException {
        call("log metric " + key, () -> {
            client.logMetric(runId, key, value, System.currentTimeMillis(), step);
            return null;
        });
    }

    @Override
    public void logBatch(String runId, Map<String, Double> metrics, Map<String, String> tags) throws IOException {
        long now = System.currentTimeMillis();
        call("log batch", () -> {
            client.logBatch(runId,
                    metrics.entrySet().stream().map(m -> Metric.newBuilder().setKey(m.getKey()).setValue(m.getValue())
                            .setTimestamp(now).setStep(0).build()).toList(),
                    List.of(),
                    tags.entrySet().stream().map(t -> RunTag.newBuilder().setKey(t.getKey()).setValue(t.getValue())
                            .build()).toList());
            return null;
        });
    }

    @Override
    public void setTag(String runId, String key, String value) throws IOException {
        call("set tag " + key, () -> {
            client.setTag(runId, key, value);
            return null;
        });
    }

    @Override
    public void uploadArtifact(String runId, String path, byte[] content, String contentType) throws IOException {
        String artifactUri = call("read run " + runId, () -> client.getRun(runId).getInfo().getArtifactUri());
        if (!artifactUri.startsWith(PROXY_SCHEME)) {
            throw new IOException("run " + runId + " stores artifacts at " + artifactUri
                    + "; start the MLflow server with --serve-artifacts so they go through its proxy");
        }
        String root = URI.create(artifactUri).getPath().replaceFirst("^/+", "");
        URI target = URI.create(trackingUri + PROXY_PATH + root + "/" + path);
        HttpRequest request = HttpRequest.newBuilder(target)
                .timeout(Duration.ofMinutes(2))
                .header("Content-Type", contentType)
                .PUT(HttpRequest.BodyPublishers.ofByteArray(content))
                .build();
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() / 100 != 2) {
                throw new IOException("artifact upload to " + target + " answered " + response.statusCode()
                        + ": " + response.body());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while uploading " + target, e);
        }
    }

    @Override
    public void endRun(String runId, boolean succeeded) throws IOException {
        call("end run " + runId, () -> {
            client.setTerminated(runId, succeeded ? RunStatus.FINISHED : RunStatus.FAILED);
            return null;
        });
    }

    /** MLflow search syntax; backticks allow the dots in our tag keys. */
    private static String filter(Map<String, String> identity) {
        return identity.entrySet().stream()
                .map(e -> "tags.`" + e.getKey() + "` = '" + quoted(e.getValue()) + "'")
                .collect(Collectors.joining(" AND "));
    }

    private static String quoted(String value) {
        if (value.contains("'")) {
            throw new IllegalArgumentException("tracking identity values cannot contain quotes: " + value);
        }
        return value;
    }

    /**
     * Runs one client call, again after a dropped connection ({@link #RETRY_AFTER}): a server that resets one
     * connection (seen once mid fine-tune, "Connection reset" on a metric) should cost a second, not the activity's
     * attempt. Every call here is safe to repeat: a metric or param logged twice at one step is the same record, a run
     * is found by its identity tags before one is created.
     */
    private <T> T call(String action, MlflowCall<T> call) throws IOException {
        for (int attempt = 0; ; attempt++) {
            try {
                return call.run();
            } catch (MlflowClientException e) {
                if (attempt >= RETRY_AFTER.size() || !droppedConnection(e)) {
                    throw new IOException("MLflow at " + trackingUri + ": cannot " + action + ": " + e.getMessage(), e);
                }
                pause(RETRY_AFTER.get(attempt), action);
            }
        }
    }

    /** A connection the server reset or refused, somewhere in the cause chain; not an answer MLflow gave. */
    private static boolean droppedConnection(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof SocketException) {
                return true;
            }
        }
        return false;
    }

    private static void pause(Duration wait, String action) throws IOException {
        try {
            Thread.sleep(wait.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while retrying to " + action, e);
        }
    }

    @FunctionalInterface
    private interface MlflowCall<T> {
        T run();
    }
}
