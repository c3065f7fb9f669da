package dev.palo.services.datasets;

import com.google.common.collect.ImmutableSortedMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * One validate stage's report on one source: its counts and where its quarantined records lie.
 *
 * @param cacheKey   the validation's identity (source digest and settings); names its quarantine download
 * @param source     the validated source's store URI
 * @param sha256     the source's digest
 * @param runId      the run that validated it first
 * @param metrics    records, accepted, quarantined, {@code quarantine.<reason>}, image figures
 */
public record Validation(String cacheKey, String source, String sha256, String runId, Map<String, Double> metrics) {
    static final String REASON_PREFIX = "quarantine.";

    public Validation {
        // sorted: stored as JSON, so the same content is the same bytes in every JVM (Map.copyOf's order is salted)
        metrics = ImmutableSortedMap.copyOf(metrics);
    }

    /** Records quarantined per reason, reasons with none left out, in reason order. */
    public Map<String, Long> reasons() {
        Map<String, Long> reasons = new TreeMap<>();
        metrics.forEach((key, value) -> {
            if (key.startsWith(REASON_PREFIX) && value > 0) {
                reasons.put(key.substring(REASON_PREFIX.length()), Math.round(value));
            }
        });
        return reasons;
    }

    public long count(String metric) {
        return Math.round(metrics.getOrDefault(metric, 0.0));
    }

    /** The download of this validation's quarantined records (JSON lines, one record and its reason each). */
    public String quarantineHref() {
        return "/api/validations/" + cacheKey + "/quarantine";
    }
}
