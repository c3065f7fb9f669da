package dev.palo.activities.basemodel;

import dev.palo.activities.tracking.ModelRegistry;
import dev.palo.activities.tracking.RegisteredVersion;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

/** A model registry in memory: versions numbered per name from 1, the newest found first. */
final class InMemoryModelRegistry implements ModelRegistry {
    final List<RegisteredVersion> versions = new CopyOnWriteArrayList<>();

    @Override
    public synchronized RegisteredVersion register(String name, String source, String runId, Map<String, String> tags) {
        long existing = versions.stream().filter(v -> v.name().equals(name)).count();
        RegisteredVersion version = new RegisteredVersion(name, Long.toString(existing + 1), source, tags);
        versions.add(version);
        return version;
    }

    @Override
    public Optional<RegisteredVersion> find(String name, String tagKey, String tagValue) {
        return versions.stream().filter(v -> v.name().equals(name) && tagValue.equals(v.tags().get(tagKey)))
                .reduce((older, newer) -> newer);
    }
}
