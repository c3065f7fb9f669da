package dev.palo.services.triggers;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.palo.activities.storage.MinioObjectStore;
import dev.palo.activities.storage.Sha256;
import dev.palo.data.lang.LanguageRegistry;
import dev.palo.services.runs.RunOrigin;
import dev.palo.services.runs.RunTrigger;
import dev.palo.services.runs.StartRunRequest;
import dev.palo.workflows.ArtifactRef;
import dev.palo.workflows.events.TriggerInfo;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Turns one trigger event into the run it asks for, or refuses it as a {@link PoisonEvent} with the reason. Checks
 * everything that can be checked before Temporal sees the run: JSON, schema version, kind, fields, languages against
 * the registry, and that the objects it names exist in the store (with the digest the event claims). The fields are
 * checked before the store is asked, and every event the kind's JSON Schema ({@code docs/events/triggers/}) refuses
 * is refused here too (TriggerSchemasTest holds the two together).
 */
@ApplicationScoped
public class TriggerPlanner {
    /** Run ids: the kind's short name and a digest of the key, so any key (any characters, any length) fits. */
    static final String RUN_ID_PREFIX = "run-trigger-";
    private static final Pattern KEY = Pattern.compile("\\S.{0,511}", Pattern.DOTALL);
    private static final Pattern SHA256 = Pattern.compile("[0-9a-fA-F]{64}");
    private static final String SOURCE_LANGUAGE = "en";

    @Inject
    ObjectMapper json;
    @Inject
    Recipes recipes;
    @Inject
    MinioObjectStore store;

    /** A run to start (the request, as {@code POST /api/runs} would take it) and where it comes from. */
    public record PlannedRun(StartRunRequest request, RunOrigin origin) {
    }

    public PlannedRun plan(byte[] value, String topicPosition) {
        JsonNode event = parse(value);
        if (!event.path("schemaVersion").isInt()) {
            throw new PoisonEvent(event.has("schemaVersion") ? PoisonEvent.UNKNOWN_SCHEMA_VERSION
                    : PoisonEvent.MISSING_FIELD, "schemaVersion must be the number " + TriggerKinds.SCHEMA_VERSION
                    + ", got " + event.path("schemaVersion"));
        }
        if (event.path("schemaVersion").asInt() != TriggerKinds.SCHEMA_VERSION) {
            throw new PoisonEvent(PoisonEvent.UNKNOWN_SCHEMA_VERSION, "schemaVersion "
                    + event.path("schemaVersion").asInt() + " is unknown; this platform reads "
                    + TriggerKinds.SCHEMA_VERSION);
        }
        String key = text(event, "idempotencyKey");
        if (!KEY.matcher(key).matches()) {
            throw new PoisonEvent(PoisonEvent.MISSING_FIELD, "idempotencyKey must be 1 to 512 characters and not"
                    + " start with a space");
        }
        String kind = text(event, "kind");
        if (!TriggerKinds.ALL.contains(kind)) {
            throw new PoisonEvent(PoisonEvent.UNKNOWN_KIND, "kind '" + kind + "' is unknown; known kinds: "
                    + TriggerKinds.ALL);
        }
        String producer = text(event, "producer");
        TriggerInfo trigger = new TriggerInfo(key, kind, producer, topicPosition);
        String runId = runId(kind, key);
        StartRunRequest recipe = recipes.read(event.hasNonNull("recipe") ? event.path("recipe").asText() : null);
        return switch (kind) {
            case TriggerKinds.SOURCE_UPDATED -> sourceUpdated(event, recipe, new RunOrigin(runId, trigger, Map.of()));
            case TriggerKinds.CORRECTIONS_ADDED -> correctionsAdded(event, recipe, runId, trigger);
            default -> languageAdded(event, recipe, new RunOrigin(runId, trigger, Map.of()));
        };
    }

    /** The same key always names the same run: that is what makes a duplicate join instead of start. */
    static String runId(String kind, String key) {
        String digest = Sha256.of(kind + "\n" + key).substring(0, 24);
        return RUN_ID_PREFIX + kind.replace('.', '-') + "-" + digest;
    }

    /** A new English source: the recipe's settings on the event's source, for the event's languages or all. */
    private PlannedRun sourceUpdated(JsonNode event, StartRunRequest recipe, RunOrigin origin) {
        JsonNode source = required(event, "source");
        String uri = text(source, "uri");
        String sha256 = text(source, "sha256");
        if (!SHA256.matcher(sha256).matches()) {
            throw new PoisonEvent(PoisonEvent.MISSING_FIELD, "source.sha256 must be 64 hex digits, got '" + sha256
                    + "'");
        }
        List<String> languages = languages(event.path("languages"), recipe.languages());
        ArtifactRef stored = existing(uri);
        if (!stored.sha256().equalsIgnoreCase(sha256)) {
            throw new PoisonEvent(PoisonEvent.SHA256_MISMATCH, uri + " has sha256 " + stored.sha256()
                    + " in the store, the event says " + sha256);
        }
        return new PlannedRun(with(recipe, uri, null, languages), origin);
    }

    /** Outside corrections of one language: the recipe's run, with that language tuned on them too. */
    private PlannedRun correctionsAdded(JsonNode event, StartRunRequest recipe, String runId, TriggerInfo trigger) {
        String language = language(text(event, "language"));
        JsonNode corrections = required(event, "corrections");
        String uri = text(corrections, "uri");
        JsonNode count = corrections.path("count");
        if (!count.isIntegralNumber() || !count.canConvertToInt() || count.asInt() < 1) {
            throw new PoisonEvent(PoisonEvent.MISSING_FIELD, "corrections.count must be a positive whole number, got "
                    + count);
        }
        existing(uri);
        Set<String> languages = new LinkedHashSet<>(recipe.languages() == null ? List.of() : recipe.languages());
        languages.add(language);
        return new PlannedRun(with(recipe, recipe.source(), recipe.data(), List.copyOf(languages)),
                new RunOrigin(runId, trigger, Map.of(language, uri)));
    }

    /** A language new in the registry: the recipe's run for that language alone. */
    private PlannedRun languageAdded(JsonNode event, StartRunRequest recipe, RunOrigin origin) {
        String language = language(text(event, "language"));
        return new PlannedRun(with(recipe, recipe.source(), recipe.data(), List.of(language)), origin);
    }

    private List<String> languages(JsonNode given, List<String> recipeLanguages) {
        boolean unnamed = given.isMissingNode() || given.isNull();
        if (unnamed && recipeLanguages != null && !recipeLanguages.isEmpty()) {
            return recipeLanguages;
        }
        if (unnamed || (given.isTextual() && given.asText().equals("all"))) {
            return LanguageRegistry.palo().codes().stream().filter(code -> !code.equals(SOURCE_LANGUAGE)).toList();
        }
        if (!given.isArray() || given.isEmpty()) {
            throw new PoisonEvent(PoisonEvent.MISSING_FIELD, "languages must be \"all\" or a non-empty array of"
                    + " codes, got " + given);
        }
        List<String> codes = new ArrayList<>();
        given.forEach(code -> codes.add(language(code.asText())));
        return codes;
    }

    private static String language(String code) {
        if (code.equals(SOURCE_LANGUAGE) || LanguageRegistry.palo().find(code).isEmpty()) {
            throw new PoisonEvent(PoisonEvent.UNKNOWN_LANGUAGE, "language '" + code + "' is not a target language"
                    + " of the registry; known codes: " + LanguageRegistry.palo().codes());
        }
        return code;
    }

    /** The object the event names, which must exist in this platform's store. */
    private ArtifactRef existing(String uri) {
        String prefix = store.uri("");
        if (!uri.startsWith(prefix) || uri.length() == prefix.length()) {
            throw new PoisonEvent(PoisonEvent.SOURCE_NOT_FOUND, uri + " is not an object of the platform's store "
                    + prefix);
        }
        Optional<ArtifactRef> found;
        try {
            found = store.stat(uri.substring(prefix.length()));
        } catch (IOException | RuntimeException e) {
            throw new PoisonEvent(PoisonEvent.SOURCE_NOT_FOUND, uri + " cannot be read: " + e.getMessage());
        }
        return found.orElseThrow(() -> new PoisonEvent(PoisonEvent.SOURCE_NOT_FOUND, uri + " does not exist"));
    }

    private static StartRunRequest with(StartRunRequest recipe, String source, String data, List<String> languages) {
        return new StartRunRequest(source, source != null ? null : data, null, languages, recipe.translate(),
                recipe.translator(), recipe.qa(), recipe.review(), recipe.dataset(), recipe.tune(), recipe.training(),
                RunTrigger.EVENT, recipe.priority());
    }

    private JsonNode parse(byte[] value) {
        try {
            JsonNode node = json.readTree(value);
            if (node == null || !node.isObject()) {
                throw new PoisonEvent(PoisonEvent.NOT_JSON, "a trigger event is a JSON object, got "
                        + (node == null ? "nothing" : node.getNodeType()));
            }
            return node;
        } catch (IOException e) {
            throw new PoisonEvent(PoisonEvent.NOT_JSON, "not JSON: " + e.getMessage()
                    .substring(0, Math.min(200, e.getMessage().length())));
        }
    }

    private static JsonNode required(JsonNode node, String field) {
        JsonNode value = node.path(field);
        if (!value.isObject()) {
            throw new PoisonEvent(PoisonEvent.MISSING_FIELD, field + " is required: an object");
        }
        return value;
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.path(field);
        if (!value.isTextual() || value.asText().isBlank()) {
            throw new PoisonEvent(PoisonEvent.MISSING_FIELD, field + " is required: a non-empty string");
        }
        return value.asText();
    }
}
