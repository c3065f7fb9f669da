package dev.palo.services.support;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Trigger topics of this test JVM's own (other test runs and the stack's real consumers keep theirs), a recipes folder
 * the tests write into, and a short consumer session so a restarted consumer takes over quickly.
 */
public class TriggerTopicsResource implements QuarkusTestResourceLifecycleManager {
    public static final String TOPIC = "palo.triggers.it-" + Long.toString(System.currentTimeMillis(), 36);
    public static final String DEAD_LETTERS = TOPIC + ".dlq";
    public static final Path RECIPES = Path.of("target", "trigger-recipes").toAbsolutePath();

    @Override
    public Map<String, String> start() {
        try {
            Files.createDirectories(RECIPES);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Map.of("palo.triggers.topic", TOPIC, "palo.triggers.dlq-topic", DEAD_LETTERS,
                "palo.triggers.group", "palo-triggers-it", "palo.triggers.recipes-dir", RECIPES.toString(),
                "palo.triggers.session-timeout-ms", "10000");
    }

    @Override
    public void stop() {
    }
}
