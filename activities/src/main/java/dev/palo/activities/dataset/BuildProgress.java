package dev.palo.activities.dataset;

/**
 * Heartbeat details of a build.
 *
 * @param phase   {@code bucketing} (reading inputs) or {@code sharding} (writing the output)
 * @param records records handled so far in this phase
 */
public record BuildProgress(String phase, long records) {
}
