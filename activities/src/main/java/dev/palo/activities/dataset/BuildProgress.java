package dev.palo.activities.dataset;

import dev.palo.workflows.progress.StageWork;
import java.util.Map;

/**
 * How far a build has come.
 *
 * @param phase   {@link #BUCKETING} (reading inputs) or {@link #SHARDING} (writing the output)
 * @param records records handled so far in this phase
 * @param total   records the phase handles: the inputs' records while reading (null when an input's count is not
 *                known), the records kept for writing (before exact duplicates are dropped, so a bar may end short
 *                of 100 %) while writing
 */
public record BuildProgress(String phase, long records, Long total) {
    static final String BUCKETING = "bucketing";
    static final String SHARDING = "sharding";

    /** As the heartbeat reports it: records read, then records and full shards written, for the arm's stage. */
    StageWork work(String arm, int shardSize) {
        return SHARDING.equals(phase)
                ? new StageWork(arm, records, total, "records written", Map.of("shards", shardSize > 0 ? records / shardSize : 0))
                : new StageWork(arm, records, total, "records read", Map.of());
    }
}
