package dev.palo.activities.tracking;

import java.io.IOException;
import java.util.Map;
import java.util.Optional;

/** Where trained models are published by name and version, so people and later runs can find them. */
public interface ModelRegistry {

    /** Registers {@code source} (an object-store uri) as the next version of {@code name}, creating the name if new. */
    RegisteredVersion register(String name, String source, String runId, Map<String, String> tags) throws IOException;

    /** The newest version of {@code name} carrying tag {@code tagKey} = {@code tagValue}, if any. */
    Optional<RegisteredVersion> find(String name, String tagKey, String tagValue) throws IOException;
}
