package dev.palo.services;

import static dev.palo.services.support.ApiFixtures.detail;
import static dev.palo.services.support.ApiFixtures.humanReview;
import static dev.palo.services.support.ApiFixtures.request;
import static dev.palo.services.support.ApiFixtures.start;
import static dev.palo.services.support.ApiFixtures.uploadEnglish;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.palo.activities.worker.WorkerEnvironment;
import dev.palo.services.runs.RunDetail;
import dev.palo.services.support.EmbeddedStackResource;
import dev.palo.services.support.RecognisableKeyResource;
import dev.palo.testing.HistoryText;
import dev.palo.testing.HostileChatServer;
import dev.palo.workflows.language.LanguagePipelineWorkflow;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.temporal.client.WorkflowClient;
import jakarta.inject.Inject;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;
import org.mlflow.api.proto.Service.RunInfo;
import org.mlflow.tracking.MlflowClient;

/**
 * A run started through the API with a recognisable key: the key reaches its endpoint, and nothing else — not the
 * Temporal history of the run and its language workflow, not its MLflow runs (params, tags, metrics), not the log
 * the app and its worker wrote during the run (the test profile writes that log to a file as well as the console).
 */
@QuarkusTest
@QuarkusTestResource(EmbeddedStackResource.class)
@QuarkusTestResource(value = RecognisableKeyResource.class, restrictToAnnotatedClass = true)
class SecretsNowhereIT {
    private static final Duration TIMEOUT = Duration.ofSeconds(120);

    @TestHTTPResource("/test-llm/v1")
    URL chatUrl;
    @Inject
    WorkflowClient client;
    @Inject
    WorkerEnvironment environment;

    @Test
    void theKeyReachesItsEndpointAndNoHistoryMlflowRunOrLog() throws Exception {
        // read here, not injected: the app under other test classes has no such settings
        Config config = ConfigProvider.getConfig();
        String secretsDir = config.getValue("palo.secrets.dir", String.class);
        int endpointPort = config.getValue(RecognisableKeyResource.ENDPOINT_PORT, Integer.class);
        String logFile = config.getValue("quarkus.log.file.path", String.class);
        String mlflowUri = environment.mlflowUri();
        String key = Files.readString(Path.of(secretsDir, RecognisableKeyResource.SECRET)).strip();
        long logStart = Files.exists(Path.of(logFile)) ? Files.size(Path.of(logFile)) : 0;
        RunDetail run;
        try (HostileChatServer endpoint = new HostileChatServer(
                HostileChatServer.Settings.fixedLatency(Duration.ofMillis(1), 4), endpointPort)) {
            Map<String, Object> body = request(chatUrl, uploadEnglish(), List.of("ar"), "recognisable-model");
            @SuppressWarnings("unchecked")
            Map<String, Object> translate = (Map<String, Object>) body.get("translate");
            translate.put("baseUrl", endpoint.baseUrl());
            translate.put("apiKeySecret", RecognisableKeyResource.SECRET);
            body.put("review", humanReview(0));
            String id = start(body).statusCode(201).extract().path("id");
            await().atMost(TIMEOUT).until(() -> !detail(id).status().equals("RUNNING"));
            run = detail(id);
            assertEquals("COMPLETED", run.status(), run.toString());
            assertEquals(Set.of("Bearer " + key), endpoint.authorizations(), "the key went to its endpoint");
        }

        for (String workflowId : List.of(run.id(), LanguagePipelineWorkflow.workflowId(run.id(), "ar"))) {
            String history = HistoryText.withDecodedPayloads(client.fetchHistory(workflowId).toJson(false));
            assertTrue(history.contains(RecognisableKeyResource.SECRET), workflowId + ": the history names the secret");
            assertFalse(history.contains(key), workflowId + ": the key is in the history");
        }

        MlflowClient mlflow = new MlflowClient(mlflowUri);
        try {
            RunInfo pipeline = mlflow.getRun(run.trackingRunId()).getInfo();
            List<String> runs = new ArrayList<>(List.of(pipeline.getRunId()));
            mlflow.searchRuns(List.of(pipeline.getExperimentId()), "tags.`palo.parent` = '" + pipeline.getRunId()
                    + "'").forEach(stage -> runs.add(stage.getRunId()));
            assertTrue(runs.size() > 1, "the pipeline run and its stage runs: " + runs);
            for (String id : runs) {
                assertFalse(mlflow.getRun(id).toString().contains(key), "the key is in MLflow run " + id);
            }
        } finally {
            mlflow.close();
        }

        // the app's log, its worker's included, from this test's start: it saw the run, and not its key
        byte[] log = Files.readAllBytes(Path.of(logFile));
        String written = new String(log, (int) Math.min(logStart, log.length), (int) (log.length - Math.min(logStart,
                log.length)), StandardCharsets.UTF_8);
        assertTrue(written.contains(run.id()), "the log holds nothing of the run: the wrong file? " + logFile);
        assertFalse(written.contains(key), "the key is in the app's log " + logFile);
    }
}
