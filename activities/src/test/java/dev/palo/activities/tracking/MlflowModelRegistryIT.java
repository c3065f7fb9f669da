package dev.palo.activities.tracking;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.palo.activities.support.EmbeddedStack;
import dev.palo.activities.support.MlflowRest;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** {@link MlflowModelRegistry} against the MLflow server of {@code ./palo up}, read back through REST. */
class MlflowModelRegistryIT {

    @Test
    void registersVersionsAndFindsTheNewestByTag() throws Exception {
        try (EmbeddedStack stack = EmbeddedStack.requireUp()) {
            MlflowModelRegistry registry = new MlflowModelRegistry(stack.mlflowUri);
            MlflowRest rest = new MlflowRest(stack.mlflowUri);
            String name = "palo-it-model-" + UUID.randomUUID();

            RegisteredVersion first = registry.register(name, "s3://palo/models/a", null, Map.of("palo.cache", "k1"));
            RegisteredVersion second = registry.register(name, "s3://palo/models/b", null, Map.of("palo.cache", "k2"));
            RegisteredVersion third = registry.register(name, "s3://palo/models/c", null, Map.of("palo.cache", "k1"));

            assertEquals("1", first.version());
            assertEquals("2", second.version());
            assertEquals(third, registry.find(name, "palo.cache", "k1").orElseThrow());
            assertEquals(second, registry.find(name, "palo.cache", "k2").orElseThrow());
            assertTrue(registry.find(name, "palo.cache", "k3").isEmpty());

            assertEquals(name, rest.registeredModel(name).path("name").asText());
            JsonNode version = rest.modelVersion(name, "2");
            assertEquals("s3://palo/models/b", version.path("source").asText());
        }
    }
}
