package dev.palo.activities.tracking;

import java.util.Map;

/**
 * One version of a registered model.
 *
 * @param name    registered model name
 * @param version version number as the registry writes it
 * @param source  where the weights are, {@code s3://bucket/key}
 * @param tags    version tags (cache key, input digests)
 */
public record RegisteredVersion(String name, String version, String source, Map<String, String> tags) {
    public RegisteredVersion {
        tags = Map.copyOf(tags);
    }
}
