package dev.palo.services.triggers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.palo.activities.storage.MinioObjectStore;
import dev.palo.activities.storage.S3Settings;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The trigger kinds' JSON Schemas ({@code docs/events/triggers/}) accept every trigger example of docs/events.md, and
 * agree with the consumer's own checks: each broken variant of an example is refused by its schema and by
 * {@link TriggerPlanner} (a {@link PoisonEvent}: dead-lettered) before the planner asks the store anything. The store
 * here is an address nobody listens on: reaching it is the sign that an event passed every field check.
 */
class TriggerSchemasTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path EVENTS_DOC = Path.of("..", "docs", "events.md").toAbsolutePath().normalize();
    private static final String UNREACHABLE_STORE = "cannot be read";

    @TempDir
    Path recipes;

    @Test
    void everyTriggerExampleOfTheReadmeValidatesAgainstItsKindsSchemaAndPassesTheConsumersChecks() throws Exception {
        List<ObjectNode> examples = documentedExamples();
        Set<String> kinds = examples.stream().map(e -> e.path("kind").asText()).collect(Collectors.toSet());
        assertEquals(TriggerKinds.ALL.stream().collect(Collectors.toSet()), kinds, "one example per kind at least");
        TriggerPlanner planner = planner();
        for (ObjectNode example : examples) {
            assertEquals(Set.of(), TriggerSchemas.problems(example), "docs/events.md example " + example);
            try {
                planner.plan(bytes(example), "docs@0");
            } catch (PoisonEvent e) {
                assertTrue(e.getMessage().contains(UNREACHABLE_STORE), "the consumer refused docs/events.md example "
                        + example + " for its fields: " + e.reason() + ": " + e.getMessage());
            }
        }
    }

    @Test
    void aDocumentTheSchemaRefusesIsRefusedByTheConsumerToo() throws Exception {
        TriggerPlanner planner = planner();
        int variants = 0;
        for (ObjectNode example : documentedExamples()) {
            for (Map.Entry<String, ObjectNode> variant : brokenVariants(example).entrySet()) {
                ObjectNode broken = variant.getValue();
                String what = variant.getKey() + " of " + example;
                assertFalse(TriggerSchemas.problems(broken).isEmpty(), "the schema accepts " + what);
                PoisonEvent refused = assertThrows(PoisonEvent.class, () -> planner.plan(bytes(broken), "unit@0"),
                        "the consumer accepts " + what);
                assertFalse(refused.getMessage().contains(UNREACHABLE_STORE), what + " reached the store: "
                        + refused.getMessage());
                variants++;
            }
        }
        assertTrue(variants >= 40, "variants checked: " + variants);
    }

    /** Breaks one thing at a time: each required field left out, and wrong values of every field the kind has. */
    private static Map<String, ObjectNode> brokenVariants(ObjectNode example) {
        Map<String, ObjectNode> variants = new LinkedHashMap<>();
        for (String field : List.of("schemaVersion", "idempotencyKey", "kind", "producer")) {
            variants.put("without " + field, change(example, e -> e.remove(field)));
        }
        variants.put("schemaVersion 2", change(example, e -> e.put("schemaVersion", 2)));
        variants.put("schemaVersion \"1\"", change(example, e -> e.put("schemaVersion", "1")));
        variants.put("key starting with a space", change(example, e -> e.put("idempotencyKey", " key")));
        variants.put("key of 513 characters", change(example, e -> e.put("idempotencyKey", "k".repeat(513))));
        variants.put("empty key", change(example, e -> e.put("idempotencyKey", "")));
        variants.put("unknown kind", change(example, e -> e.put("kind", "model.exploded")));
        variants.put("blank producer", change(example, e -> e.put("producer", "  ")));
        variants.put("recipe with capitals", change(example, e -> e.put("recipe", "Open AI")));
        variants.put("recipe a number", change(example, e -> e.put("recipe", 7)));
        if (example.has("language")) {
            variants.put("without language", change(example, e -> e.remove("language")));
            variants.put("language en", change(example, e -> e.put("language", "en")));
            variants.put("language in capitals", change(example, e -> e.put("language", "AR")));
            variants.put("language a number", change(example, e -> e.put("language", 5)));
        }
        if (example.has("corrections")) {
            variants.put("without corrections", change(example, e -> e.remove("corrections")));
            variants.put("corrections a string", change(example, e -> e.put("corrections", "s3://palo/x.json")));
            variants.put("count 0", change(example, e -> ((ObjectNode) e.get("corrections")).put("count", 0)));
            variants.put("count 2.5", change(example, e -> ((ObjectNode) e.get("corrections")).put("count", 2.5)));
            variants.put("count \"25\"", change(example, e -> ((ObjectNode) e.get("corrections")).put("count", "25")));
            variants.put("without count", change(example, e -> ((ObjectNode) e.get("corrections")).remove("count")));
            variants.put("without uri", change(example, e -> ((ObjectNode) e.get("corrections")).remove("uri")));
            variants.put("uri not in the store", change(example, e -> ((ObjectNode) e.get("corrections"))
                    .put("uri", "https://example.org/ar.json")));
        }
        if (example.has("source")) {
            variants.put("without source", change(example, e -> e.remove("source")));
            variants.put("sha256 cut short", change(example, e -> ((ObjectNode) e.get("source")).put("sha256", "9f2c")));
            variants.put("without sha256", change(example, e -> ((ObjectNode) e.get("source")).remove("sha256")));
            variants.put("uri not in the store", change(example, e -> ((ObjectNode) e.get("source"))
                    .put("uri", "/tmp/english.json")));
            variants.put("languages empty", change(example, e -> e.putArray("languages")));
            variants.put("languages some", change(example, e -> e.put("languages", "some")));
            variants.put("languages with en", change(example, e -> e.putArray("languages").add("ar").add("en")));
        }
        return variants;
    }

    /** Every JSON object in docs/events.md that starts with {@code {"schemaVersion"}: the documented trigger events. */
    private static List<ObjectNode> documentedExamples() throws IOException {
        String doc = Files.readString(EVENTS_DOC, StandardCharsets.UTF_8);
        List<ObjectNode> examples = new ArrayList<>();
        for (int at = doc.indexOf("{\"schemaVersion\""); at >= 0;
                at = doc.indexOf("{\"schemaVersion\"", at + 1)) {
            try (JsonParser parser = JSON.getFactory().createParser(doc.substring(at))) {
                examples.add((ObjectNode) JSON.readTree(parser));
            }
        }
        assertTrue(examples.size() >= 4, "trigger examples in docs/events.md: " + examples.size());
        return examples;
    }

    /** The consumer's planner with the built-in recipes, docs/events.md's {@code openai} recipe, and a store nobody runs. */
    private TriggerPlanner planner() throws IOException {
        ObjectMapper json = new ObjectMapper().findAndRegisterModules();
        try (var in = Recipes.class.getResourceAsStream("/dev/palo/services/triggers/recipes/default.json")) {
            Files.write(recipes.resolve("openai.json"), in.readAllBytes());
        }
        Recipes named = new Recipes(Optional.of(recipes), json);
        TriggerPlanner planner = new TriggerPlanner();
        planner.json = json;
        planner.recipes = named;
        planner.store = new MinioObjectStore(new S3Settings("http://127.0.0.1:9", "us-east-1", "nobody", "nothing",
                "palo"));
        return planner;
    }

    private static ObjectNode change(ObjectNode example, Consumer<ObjectNode> edit) {
        ObjectNode copy = example.deepCopy();
        edit.accept(copy);
        return copy;
    }

    private static byte[] bytes(JsonNode event) throws IOException {
        return JSON.writeValueAsBytes(event);
    }
}
