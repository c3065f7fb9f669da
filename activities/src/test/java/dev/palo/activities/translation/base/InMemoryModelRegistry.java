package dev.palo.activities.translation.base;

import dev.palo.activities.tracking.ModelRegistry;
import dev.palo.activities.tracking.RegisteredVersion;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** A model registry in memory: versions numbered from 1 per name, as MLflow numbers them. */
final class InMemoryModelRegistry implements ModelRegistry {
    final List<RegisteredVersion> versions = new ArrayList<>();

    @Override
    public synchronized RegisteredVersion register(String name, String source, String runId, Map<String, String> tags) {
        long number = versions.stream().filter(v -> v.name().equals(name)).count() + 1;
        RegisteredVersion version = new RegisteredVersion(name, String.valueOf(number), source, tags);
        versions.add(version);
        return version;
    }

    @Override
    public synchronized Optional<RegisteredVersion> find(String name, String tagKey, String tagValue) {
        return versions.stream()
                .filter(v -> v.name().equals(name) && tagValue.equals(v.tags().get(tagKey)))
                .reduce((first, second) -> second);
    }
}
