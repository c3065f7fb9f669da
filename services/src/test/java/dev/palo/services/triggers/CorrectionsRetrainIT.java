package dev.palo.services.triggers;

import static dev.palo.services.triggers.TriggerFixtures.JSON;
import static dev.palo.services.triggers.TriggerFixtures.KAFKA;
import static dev.palo.services.triggers.TriggerFixtures.event;
import static dev.palo.services.triggers.TriggerFixtures.key;
import static dev.palo.services.triggers.TriggerFixtures.readAll;
import static dev.palo.services.triggers.TriggerFixtures.send;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.palo.services.datasets.MiniDatasets;
import dev.palo.services.runs.RunDetail;
import dev.palo.services.support.ApiFixtures;
import dev.palo.services.support.EmbeddedStackResource;
import dev.palo.services.support.TriggerTopicsResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/**
 * The "done when", end to end on the embedded stack: one {@code corrections.added} event for Arabic, with the
 * built-in {@code default} recipe (PALO-mini tiny, local translator, simulated review, local tune, training and
 * evaluation: what a user's event gets), ends in a completed run with a Table 1 report; Arabic's translator is tuned on
 * the outside corrections, Arabic re-translated, and the datasets, fine-tunes and evaluation follow, every stage's
 * events on the events topic. The corrections are new each time (PALO-mini's Arabic gold under fresh ids), so the tune
 * and everything after it really run.
 */
@QuarkusTest
@QuarkusTestResource(EmbeddedStackResource.class)
@QuarkusTestResource(TriggerTopicsResource.class)
class CorrectionsRetrainIT {
    private static final Duration RUN_TIMEOUT = Duration.ofMinutes(30);
    private static final int CORRECTIONS = 5;

    @Inject
    MiniDatasets miniDatasets;

    @Test
    void oneCorrectionsEventRetunesArabicAndEndsInANewTable1WithEveryStagesEvents() throws Exception {
        String key = key();
        String corrections = uploadCorrections(key);
        send(key, List.of(event(Map.of("schemaVersion", 1, "idempotencyKey", key, "kind", "corrections.added",
                "producer", "annotation-it", "language", "ar",
                "corrections", Map.of("uri", corrections, "count", CORRECTIONS)))));

        String runId = TriggerPlanner.runId("corrections.added", key);
        RunDetail run = await().atMost(RUN_TIMEOUT).pollInterval(Duration.ofSeconds(5)).until(() -> {
            int code = given().get("/api/runs/" + runId).then().extract().statusCode();
            return code == 200 ? ApiFixtures.detail(runId) : null;
        }, detail -> detail != null && !detail.status().equals("RUNNING"));
        assertEquals("COMPLETED", run.status(), run.failure());
        assertEquals("corrections.added", run.trigger().kind());
        assertEquals(List.of("ar"), run.languages().stream().map(language -> language.language()).toList());

        String report = given().accept("text/markdown").get("/api/runs/" + runId + "/report").then()
                .statusCode(200).extract().asString();
        assertTrue(report.contains("| palo |") && report.contains("| ar |"), report);

        Map<String, JsonNode> completed = new LinkedHashMap<>();
        JsonNode runCompleted = null;
        for (ConsumerRecord<String, byte[]> record : readAll(KAFKA.eventsTopic(), Duration.ofSeconds(3))) {
            if (runId.equals(record.key())) {
                JsonNode event = JSON.readTree(record.value());
                String type = event.path("type").asText();
                if (type.equals("dev.palo.stage.completed")) {
                    completed.put(event.path("subject").asText(), event.path("data"));
                } else if (type.equals("dev.palo.run.completed")) {
                    runCompleted = event.path("data");
                }
            }
        }
        JsonNode tune = completed.get("tune/ar");
        assertTrue(tune != null && !tune.path("cacheHit").asBoolean(), "Arabic's translator was tuned: " + completed);
        assertTrue(tune.path("metrics").path("pairs.outside").asInt() >= CORRECTIONS,
                "each corrected turn is a pair: " + tune);
        for (String stage : List.of("retranslate/ar", "dataset-build/palo", "finetune/palo")) {
            assertTrue(completed.containsKey(stage), stage + " completed: " + completed.keySet());
            assertFalse(completed.get(stage).path("cacheHit").asBoolean(), stage + " was redone: "
                    + completed.get(stage));
        }
        assertTrue(completed.keySet().stream().anyMatch(subject -> subject.startsWith("evaluate")),
                "evaluation completed: " + completed.keySet());
        assertTrue(runCompleted != null && runCompleted.path("table1").size() > 0,
                "run.completed carries Table 1's averages: " + runCompleted);
    }

    /** Five of PALO-mini's Arabic gold records under ids of this test: corrections nobody uploaded before. */
    private String uploadCorrections(String nonce) throws Exception {
        var tree = miniDatasets.prepare("mini:tiny", List.of("ar")).tree();
        ArrayNode gold = (ArrayNode) JSON.readTree(tree.resolve("gold").resolve("ar.json").toFile());
        ArrayNode corrections = JSON.createArrayNode();
        for (int i = 0; i < CORRECTIONS; i++) {
            ObjectNode record = JSON.createObjectNode();
            record.put("id", nonce + "-" + i);
            record.set("image", gold.get(i).get("image"));
            ArrayNode turns = gold.get(i).get("conversations").deepCopy();
            if (i == 0) {
                // a text of this run's own: the same corrections as an earlier run on this stack would tune the same
                // translator, and the stages after it would then be cache hits, not redone
                ObjectNode reply = (ObjectNode) turns.get(1);
                reply.put("value", reply.path("value").asText() + " " + nonce);
            }
            record.set("conversations", turns);
            record.set("english_conversations", gold.get(i).get("english_conversations"));
            corrections.add(record);
        }
        return given().contentType(ContentType.JSON).body(JSON.writeValueAsString(corrections))
                .post("/api/datasets?name=ar-corrections.json").then().statusCode(200).extract().path("uri");
    }
}
