package dev.palo.services.triggers;

import static dev.palo.services.support.ApiFixtures.humanReview;
import static dev.palo.services.support.ApiFixtures.cancelIfRunning;
import static dev.palo.services.support.ApiFixtures.request;
import static dev.palo.services.support.ApiFixtures.uploadEnglish;
import static dev.palo.services.triggers.TriggerFixtures.JSON;
import static dev.palo.services.triggers.TriggerFixtures.KAFKA;
import static dev.palo.services.triggers.TriggerFixtures.event;
import static dev.palo.services.triggers.TriggerFixtures.key;
import static dev.palo.services.triggers.TriggerFixtures.readAll;
import static dev.palo.services.triggers.TriggerFixtures.recipe;
import static dev.palo.services.triggers.TriggerFixtures.send;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import dev.palo.services.runs.RunDetail;
import dev.palo.services.support.ApiFixtures;
import dev.palo.services.support.EmbeddedStackResource;
import dev.palo.services.support.FakeChatResource;
import dev.palo.services.support.TriggerTopicsResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.temporal.api.workflowservice.v1.ListWorkflowExecutionsRequest;
import io.temporal.client.WorkflowClient;
import jakarta.inject.Inject;
import java.io.OutputStream;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/**
 * Trigger events in and pipeline events out, against the embedded stack's real broker, Temporal, store and MLflow:
 * each kind starts its run, carrying the event as run metadata; duplicates (sent by Debian's kcat, a client nobody
 * here wrote) start one run; each class of poison event is dead-lettered with its reason; a run's published events
 * validate against the JSON Schemas in docs/events and arrive in order.
 */
@QuarkusTest
@QuarkusTestResource(EmbeddedStackResource.class)
@QuarkusTestResource(TriggerTopicsResource.class)
class TriggersIT {
    private static final Duration START_TIMEOUT = Duration.ofSeconds(90);

    @TestHTTPResource("/test-llm/v1")
    URL chatUrl;
    @Inject
    WorkflowClient client;

    /** Recipe {@code name} translating with the app's fake chat endpoint, no review; {@code source} may be null. */
    private void writeRecipe(String name, String source, Map<String, Object> extra) throws Exception {
        Map<String, Object> body = request(chatUrl, source == null ? "-" : source, List.of("ar"),
                FakeChatResource.MODEL);
        body.remove("languages");
        if (source == null) {
            body.remove("source");
        }
        body.put("review", humanReview(0));
        body.putAll(extra);
        recipe(name, body);
    }

    @Test
    void sourceUpdatedStartsTheRunWithItsTriggerAndTheRunsEventsValidateAndArriveInOrder() throws Exception {
        writeRecipe("it", null, Map.of());
        var uploaded = ApiFixtures.upload(ApiFixtures.englishJson(key())).statusCode(200).extract();
        String source = uploaded.path("uri");
        String sha256 = uploaded.path("sha256");
        String key = key();
        Map<String, Object> trigger = new LinkedHashMap<>(Map.of("schemaVersion", 1, "idempotencyKey", key,
                "kind", "source.updated", "producer", "etl-it", "recipe", "it",
                "source", Map.of("uri", source, "sha256", sha256),
                "languages", List.of("ar", "hi")));
        send(key, List.of(event(trigger)));

        String runId = TriggerPlanner.runId("source.updated", key);
        RunDetail run = awaitRun(runId, "COMPLETED");
        assertNotNull(run.trigger(), "the run detail names its trigger");
        assertEquals(key, run.trigger().eventId());
        assertEquals("source.updated", run.trigger().kind());
        assertEquals("etl-it", run.trigger().producer());
        assertEquals(source, run.source());
        assertEquals(List.of("ar", "hi"), run.languages().stream().map(l -> l.language()).toList());
        // the dashboard's run page names the event too (the HTML the browser gets)
        String page = given().accept("text/html").get("/runs/" + runId).then().statusCode(200).extract().asString();
        assertTrue(page.contains("started by event <code id=\"trigger-kind\">source.updated</code>")
                && page.contains(key) && page.contains("etl-it"), page);

        List<JsonNode> events = new ArrayList<>();
        for (ConsumerRecord<String, byte[]> record : readAll(KAFKA.eventsTopic(), Duration.ofSeconds(3))) {
            if (runId.equals(record.key())) {
                events.add(JSON.readTree(record.value()));
            }
        }
        assertValidAndOrdered(runId, events);
        assertEquals(key, events.get(0).path("data").path("trigger").path("eventId").asText());
        // found by its trigger: the search attributes the app registered in its namespace
        String byTrigger = "PaloTriggerKind = 'source.updated' AND PaloTriggerEventId = '" + key + "'";
        await().atMost(Duration.ofSeconds(30)).until(() -> matching(byTrigger) == 1);
    }

    @Test
    void languageAddedDeliveredAHundredTimesByKcatStartsOneRunForThatLanguageAlone() throws Exception {
        writeRecipe("it-language", uploadEnglish(), Map.of());
        String key = key();
        String line = JSON.writeValueAsString(Map.of("schemaVersion", 1, "idempotencyKey", key,
                "kind", "language.added", "producer", "registry-it", "recipe", "it-language", "language", "fr"));
        long before = received();
        kcat(key, Collections.nCopies(100, line));

        String runId = TriggerPlanner.runId("language.added", key);
        try {
            await().atMost(START_TIMEOUT).until(() -> received() >= before + 100);
            RunDetail run = awaitRun(runId, null);
            assertEquals(List.of("fr"), run.languages().stream().map(l -> l.language()).toList());
            assertEquals("language.added", run.trigger().kind());
            // visibility lags the starts a little: the count must reach 1 and stay there
            await().atMost(Duration.ofSeconds(30)).until(() -> executions(runId) == 1);
            Thread.sleep(2_000);
            assertEquals(1, executions(runId), "100 deliveries of one key start exactly one run");
        } finally {
            cancelIfRunning(runId);
        }
    }

    @Test
    void correctionsAddedGivesTheLanguageItsOutsideCorrections() throws Exception {
        // no apiKeySecret: the fake endpoint needs none, and a name off the allow-list would refuse the run
        writeRecipe("it-tune", uploadEnglish(), Map.of("tune", Map.of("openai", Map.of("baseUrl",
                chatUrl.toString(), "epochs", 1, "pollInterval", "PT1S"))));
        String corrections = uploadEnglish();
        String key = key();
        send(key, List.of(event(Map.of("schemaVersion", 1, "idempotencyKey", key, "kind", "corrections.added",
                "producer", "annotation-it", "recipe", "it-tune", "language", "ar",
                "corrections", Map.of("uri", corrections, "count", 3)))));

        String runId = TriggerPlanner.runId("corrections.added", key);
        try {
            RunDetail run = awaitRun(runId, null);
            assertEquals("corrections.added", run.trigger().kind());
            String input = client.fetchHistory(runId).getHistory().getEvents(0)
                    .getWorkflowExecutionStartedEventAttributes().getInput().getPayloads(0).getData()
                    .toStringUtf8();
            JsonNode spec = JSON.readTree(input);
            assertEquals(corrections, spec.path("corrections").path("ar").path("uri").asText(), input);
        } finally {
            cancelIfRunning(runId);
        }
    }

    @Test
    void everyClassOfPoisonEventIsDeadLetteredWithItsReasonAndTheConsumerGoesOn() throws Exception {
        writeRecipe("it", null, Map.of());
        String key = key();
        Map<String, Object> valid = Map.of("schemaVersion", 1, "idempotencyKey", key, "kind", "language.added",
                "producer", "poison-it", "recipe", "it", "language", "fr");
        Map<String, byte[]> poison = new LinkedHashMap<>();
        poison.put(PoisonEvent.NOT_JSON, "{this is not json".getBytes(StandardCharsets.UTF_8));
        poison.put(PoisonEvent.UNKNOWN_SCHEMA_VERSION, event(with(valid, "schemaVersion", 99)));
        poison.put(PoisonEvent.UNKNOWN_KIND, event(with(valid, "kind", "model.exploded")));
        poison.put(PoisonEvent.UNKNOWN_LANGUAGE, event(with(valid, "language", "tlh")));
        poison.put(PoisonEvent.MISSING_FIELD, event(without(valid, "idempotencyKey")));
        poison.put(PoisonEvent.SOURCE_NOT_FOUND, event(Map.of("schemaVersion", 1, "idempotencyKey", key,
                "kind", "source.updated", "producer", "poison-it", "recipe", "it",
                "source", Map.of("uri", "s3://palo/nowhere/" + key + ".json", "sha256", "0".repeat(64)))));
        poison.put(PoisonEvent.UNKNOWN_RECIPE, event(with(valid, "recipe", "no-such-recipe")));
        byte[] garbage = new byte[10 * 1024 * 1024];
        new java.util.Random(7).nextBytes(garbage);
        poison.put(PoisonEvent.OVERSIZED, garbage);
        send(key, new ArrayList<>(poison.values()));

        Map<String, String> reasons = new HashMap<>();
        await().atMost(START_TIMEOUT).pollInterval(Duration.ofSeconds(2)).until(() -> {
            for (ConsumerRecord<String, byte[]> letter : readAll(TriggerTopicsResource.DEAD_LETTERS,
                    Duration.ofSeconds(1))) {
                if (key.equals(letter.key())) {
                    String reason = header(letter, TriggerLoop.REASON_HEADER);
                    reasons.put(reason, header(letter, TriggerLoop.DETAIL_HEADER));
                }
            }
            return reasons.keySet().containsAll(poison.keySet());
        });
        assertEquals(new TreeSet<>(poison.keySet()), new TreeSet<>(reasons.keySet()), reasons.toString());
        // the kinds' JSON Schemas refuse these too: a document the schema refuses is dead-lettered
        for (String reason : List.of(PoisonEvent.UNKNOWN_SCHEMA_VERSION, PoisonEvent.UNKNOWN_KIND,
                PoisonEvent.MISSING_FIELD)) {
            assertFalse(TriggerSchemas.problems(JSON.readTree(poison.get(reason))).isEmpty(), reason);
        }
        assertTrue(reasons.get(PoisonEvent.UNKNOWN_LANGUAGE).contains("tlh"), reasons.toString());
        Map<String, Integer> counted = given().get("/api/triggers/stats").then().statusCode(200)
                .extract().path("deadLettered");
        assertTrue(counted.keySet().containsAll(poison.keySet()), counted.toString());
        assertEquals(0, executions(TriggerPlanner.runId("language.added", key)), "no poison event started a run");
    }

    private void assertValidAndOrdered(String runId, List<JsonNode> events) throws Exception {
        Path schemas = Path.of("..", "docs", "events").toAbsolutePath().normalize();
        JsonSchemaFactory factory = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012, builder ->
                builder.schemaMappers(mappers -> mappers.mapPrefix("https://palo.dev/schemas/events/",
                        schemas.toUri().toString())));
        assertTrue(events.size() >= 10, "a two-language run publishes its stages: " + events.size());
        for (JsonNode event : events) {
            String type = event.path("type").asText().replaceFirst("^dev\\.palo\\.", "").replace('.', '-');
            JsonSchema schema = factory.getSchema(java.net.URI.create("https://palo.dev/schemas/events/" + type
                    + ".schema.json"));
            Set<ValidationMessage> problems = schema.validate(event);
            assertTrue(problems.isEmpty(), type + " " + event + ": " + problems);
        }
        List<String> ids = events.stream().map(event -> event.path("id").asText()).toList();
        assertEquals(ids.size(), new TreeSet<>(ids).size(), "no event twice: " + ids);
        assertEquals(runId + "/run.started", ids.get(0));
        assertEquals(runId + "/run.completed", ids.get(ids.size() - 1));
        for (String id : ids) {
            if (id.contains("/stage.completed/")) {
                int started = ids.indexOf(id.replace("/stage.completed/", "/stage.started/"));
                assertTrue(started >= 0 && started < ids.indexOf(id), "started before " + id + " in " + ids);
            }
        }
    }

    private RunDetail awaitRun(String runId, String status) {
        return await().atMost(START_TIMEOUT).pollInterval(Duration.ofMillis(500)).until(() -> {
            int code = given().get("/api/runs/" + runId).then().extract().statusCode();
            return code == 200 ? ApiFixtures.detail(runId) : null;
        }, run -> run != null && (status == null || run.status().equals(status)));
    }

    private long executions(String workflowId) {
        return matching("WorkflowId = '" + workflowId + "'");
    }

    private long matching(String query) {
        return client.getWorkflowServiceStubs().blockingStub().listWorkflowExecutions(
                ListWorkflowExecutionsRequest.newBuilder().setNamespace(EmbeddedStackResource.NAMESPACE)
                        .setQuery(query).build()).getExecutionsCount();
    }

    /** Sends one record per line with Debian's kcat ({@code ./palo test} installs it). */
    private static void kcat(String key, List<String> lines) throws Exception {
        Process kcat = new ProcessBuilder("kcat", "-P", "-b", KAFKA.bootstrap(), "-t", TriggerTopicsResource.TOPIC,
                "-K", "\t").redirectErrorStream(true).start();
        try (OutputStream in = kcat.getOutputStream()) {
            for (String line : lines) {
                in.write((key + "\t" + line + "\n").getBytes(StandardCharsets.UTF_8));
            }
        }
        assertTrue(kcat.waitFor(60, TimeUnit.SECONDS), "kcat did not finish");
        assertEquals(0, kcat.exitValue(), new String(kcat.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
    }

    private static String header(ConsumerRecord<String, byte[]> record, String name) {
        var header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    private static Map<String, Object> with(Map<String, Object> event, String field, Object value) {
        Map<String, Object> changed = new LinkedHashMap<>(event);
        changed.put(field, value);
        return changed;
    }

    private static Map<String, Object> without(Map<String, Object> event, String field) {
        Map<String, Object> changed = new LinkedHashMap<>(event);
        changed.remove(field);
        return changed;
    }

    private static long received() {
        return given().get("/api/triggers/stats").then().statusCode(200).extract().jsonPath().getLong("received");
    }
}
