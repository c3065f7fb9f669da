package dev.palo.workflows.progress;

import com.google.common.collect.ImmutableSortedMap;
import java.util.Map;

/**
 * The work a running stage's activity reports in its heartbeat, for the dashboard's progress bar, ETA and counts.
 * Run-level stages run side by side in one workflow, so the heartbeat names its stage's label (an arm) where two
 * activities of one kind run at once; the app matches it to the workflow's {@link StageState} of that stage.
 *
 * @param label  the stage's label ({@code palo}, {@code baseline}); null where only one such stage runs at a time
 * @param done   work done, in {@code unit}s
 * @param total  work to do, where the activity knows it; null otherwise
 * @param unit   what {@code done} counts: {@code records}, {@code answers}
 * @param counts further figures so far: records quarantined, shards written, chunks committed
 */
public record StageWork(String label, long done, Long total, String unit, Map<String, Long> counts) {
    public StageWork {
        // sorted: stored as JSON, so the same content is the same bytes in every JVM (Map.copyOf's order is salted)
        counts = counts == null ? ImmutableSortedMap.of() : ImmutableSortedMap.copyOf(counts);
    }

    /** A record count as a total: artifacts that were not counted carry 0, which is no total at all. */
    public static Long knownTotal(long recordCount) {
        return recordCount > 0 ? recordCount : null;
    }
}
