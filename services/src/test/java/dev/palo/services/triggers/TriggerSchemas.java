package dev.palo.services.triggers;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import java.net.URI;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/** The trigger kinds' JSON Schemas in {@code docs/events/triggers/}, for the tests that hold events to them. */
final class TriggerSchemas {
    private static final Path DOCS = Path.of("..", "docs", "events", "triggers").toAbsolutePath().normalize();
    private static final String ID_PREFIX = "https://palo.dev/schemas/events/triggers/";

    private TriggerSchemas() {
    }

    /** What the event's kind's schema finds wrong with it (the common schema's, for an unknown kind); empty: valid. */
    static Set<String> problems(JsonNode event) {
        String kind = event.path("kind").asText();
        String file = TriggerKinds.ALL.contains(kind) ? kind.replace('.', '-') : "trigger";
        JsonSchemaFactory factory = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012, builder ->
                builder.schemaMappers(mappers -> mappers.mapPrefix(ID_PREFIX, DOCS.toUri().toString())));
        JsonSchema schema = factory.getSchema(URI.create(ID_PREFIX + file + ".schema.json"));
        return schema.validate(event).stream().map(Object::toString).collect(Collectors.toCollection(TreeSet::new));
    }
}
