package dev.palo.activities.tracking;

import com.google.common.collect.ImmutableSortedMap;
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
        // sorted: stored as JSON, so the same content is the same bytes in every JVM (Map.copyOf's order is salted)
        tags = ImmutableSortedMap.copyOf(tags);
    }
}
